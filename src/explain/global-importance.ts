import type { BaselineSource } from './baselines'
import { resolveBaseline } from './baselines'
import type { Game } from './coalition-game'
import { checkGame } from './coalition-game'
import { ExplainInputError } from './errors'
import type { ExplainParams } from './explain'
import { planMethod, runMethod } from './explain'
import { makeGrouping } from './grouping'
import { DEFAULT_SEED, plan, withModel } from './method-context'
import { maxBatchOf, meterFor, ModelBarrier } from './model-runner'
import { projectToGrouping } from './project'
import type { GradFn, MethodName, ModelCallPlan, PredictFn, RunOptions, WindowShape } from './types'

/** Mean |attribution| per time step and per feature over many windows. */
export interface GlobalImportanceRequest {
  readonly method: MethodName
  /** `count` windows, T × F each, row-major. */
  readonly windows: Float32Array
  readonly count: number
  readonly shape: WindowShape
  readonly baseline: BaselineSource
  /** Default ['time', 'feature']. */
  readonly levels?: readonly ('time' | 'feature')[]
  readonly featureNames?: readonly string[]
  readonly seed?: number
  readonly params?: ExplainParams
}

export interface LevelImportance {
  readonly level: 'time' | 'feature'
  readonly labels: string[]
  /** Mean over windows of |value|: "how far back does the model look" at time level. */
  readonly meanAbs: number[]
  /** Mean signed value. */
  readonly mean: number[]
}

export interface GlobalImportance {
  readonly method: MethodName
  readonly windows: number
  readonly levels: LevelImportance[]
  readonly modelCalls: number
  readonly seconds: number
}

function levelsOf(request: GlobalImportanceRequest): readonly ('time' | 'feature')[] {
  const levels = request.levels ?? ['time', 'feature']
  if (levels.length === 0) throw new ExplainInputError('Ask for at least one level')
  return levels
}

function windowAt(request: GlobalImportanceRequest, i: number): Float32Array {
  const size = request.shape.steps * request.shape.features
  return request.windows.subarray(i * size, (i + 1) * size)
}

function gameAt(request: GlobalImportanceRequest, i: number, level: 'time' | 'feature'): Game {
  const x = windowAt(request, i)
  const spec =
    request.featureNames === undefined ? { level } : { level, featureNames: request.featureNames }
  const game: Game = {
    x,
    baseline: resolveBaseline(request.baseline, x),
    grouping: makeGrouping(request.shape, spec)
  }
  checkGame(game)
  return game
}

function checkRequest(request: GlobalImportanceRequest): void {
  const size = request.shape.steps * request.shape.features
  if (
    !Number.isInteger(request.count) ||
    request.count < 1 ||
    request.windows.length !== request.count * size
  ) {
    throw new ExplainInputError(
      `Expected ${request.count} windows of ${size} values, got ${request.windows.length} values`
    )
  }
}

export function planGlobalImportance(request: GlobalImportanceRequest): ModelCallPlan {
  checkRequest(request)
  let exact = true
  const phases = levelsOf(request).map((level) => {
    let windows = 0
    for (let i = 0; i < request.count; i++) {
      const p = planMethod(request.method, gameAt(request, i, level), request.params)
      windows += p.total
      exact &&= p.exact
    }
    return { name: `${level} level`, model: 'predict' as const, windows }
  })
  return plan(phases, exact)
}

/**
 * Model windows one wave of side-by-side explanations may hold at once (their masked windows
 * are all in memory together): 20 KernelSHAP windows of 60 steps are one wave.
 */
const WAVE_MODEL_WINDOWS = 65_536

/** Consecutive window indices in waves of at most WAVE_MODEL_WINDOWS model windows (>= 1 each). */
function waves(request: GlobalImportanceRequest, level: 'time' | 'feature'): number[][] {
  const out: number[][] = [[]]
  let load = 0
  for (let i = 0; i < request.count; i++) {
    const cost = planMethod(request.method, gameAt(request, i, level), request.params).total
    if (out.at(-1)!.length > 0 && load + cost > WAVE_MODEL_WINDOWS) {
      out.push([])
      load = 0
    }
    out.at(-1)!.push(i)
    load += cost
  }
  return out
}

/**
 * Explains every window at each level and averages |values|; one progress total for all. The
 * windows of a wave run side by side and share their model calls (ModelBarrier).
 */
/**
 * The windows' attributions are kept as values only (projectToGrouping drops the standard
 * errors), so KernelSHAP's bootstrap (50 weighted least-squares solves per window by default,
 * a sixth of an importance run) is skipped. The values do not change: the bootstrap draws from
 * its own random stream.
 */
function valuesOnly(params: ExplainParams | undefined): ExplainParams {
  return { ...params, kernelshap: { ...params?.kernelshap, bootstrap: 0 } }
}

export async function globalImportance(
  request: GlobalImportanceRequest,
  predict: PredictFn,
  options: RunOptions & { readonly gradient?: GradFn } = {}
): Promise<GlobalImportance> {
  const startedAt = Date.now()
  const meter = meterFor(options, planGlobalImportance(request).total)
  const maxBatch = maxBatchOf(options)
  const seed = request.seed ?? DEFAULT_SEED
  const levels: LevelImportance[] = []
  for (const level of levelsOf(request)) {
    let labels: string[] = []
    let sumAbs: number[] = []
    let sum: number[] = []
    const perWindow: number[][] = []
    for (const wave of waves(request, level)) {
      const barrier = new ModelBarrier(wave.length, options.signal)
      const model = barrier.wrap(predict)
      const gradient = options.gradient ? barrier.wrap(options.gradient) : undefined
      // Settled, not all: no run is left calling the model after this returns or throws.
      const settled = await Promise.allSettled(
        wave.map(async (i) => {
          try {
            const game = gameAt(request, i, level)
            const ctx = withModel(game, model, meter, maxBatch, seed, gradient)
            const result = await runMethod(request.method, game, ctx, valuesOnly(request.params))
            // TimeSHAP's pruned block is spread over its steps so every window has the same players.
            return projectToGrouping(result, game.grouping)
          } finally {
            barrier.leave()
          }
        })
      )
      for (const r of settled) {
        if (r.status === 'rejected') throw r.reason
        perWindow.push(r.value)
      }
    }
    for (let i = 0; i < request.count; i++) {
      const game = gameAt(request, i, level)
      const values = perWindow[i]!
      if (i === 0) {
        labels = game.grouping.players.map((p) => p.label)
        sumAbs = new Array<number>(values.length).fill(0)
        sum = new Array<number>(values.length).fill(0)
      }
      values.forEach((v, p) => {
        sumAbs[p]! += Math.abs(v)
        sum[p]! += v
      })
    }
    levels.push({
      level,
      labels,
      meanAbs: sumAbs.map((s) => s / request.count),
      mean: sum.map((s) => s / request.count)
    })
  }
  return {
    method: request.method,
    windows: request.count,
    levels,
    modelCalls: meter.done,
    seconds: (Date.now() - startedAt) / 1000
  }
}

import { buildAttribution } from './attribution'
import type { Game } from './coalition-game'
import { anchorValues, anchorWindows, coalitionValues, gameWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import type { Grouping } from './grouping'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import type { Attribution, ModelCallPlan, PredictFn, RunOptions } from './types'

/**
 * A window of `window` consecutive players slides with `stride`; each player's
 * value is the mean of f(x) − f(x with the window occluded) over the windows
 * covering it. Time and segment players slide along time; feature players
 * along the feature list; cells slide along time within each feature
 * (a window × 1 patch, as Captum's Occlusion with a (w, 1) window).
 */
export interface OcclusionOptions {
  readonly window?: number
  readonly stride?: number
}

/** Players in sliding order: one line for time/segment/feature, one per feature for cells. */
function lines(grouping: Grouping): number[][] {
  const indices = grouping.players.map((_, p) => p)
  if (grouping.level !== 'cell') return [indices]
  const byFeature = new Map<string, number[]>()
  for (const p of indices) {
    const key = grouping.players[p]!.features.join(',')
    const line = byFeature.get(key) ?? []
    line.push(p)
    byFeature.set(key, line)
  }
  const first = (p: number): number => grouping.players[p]!.steps[0] ?? 0
  return [...byFeature.values()].map((line) => line.sort((a, b) => first(a) - first(b)))
}

function sizes(options: OcclusionOptions): { window: number; stride: number } {
  const window = options.window ?? 1
  const stride = options.stride ?? 1
  for (const [name, value] of [
    ['window', window],
    ['stride', stride]
  ] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new ExplainInputError(`Occlusion ${name} must be a positive integer, got ${value}`)
    }
  }
  return { window, stride }
}

/** Sets of players occluded together; the last window is moved back to cover the end. */
export function occlusionPatches(grouping: Grouping, options: OcclusionOptions = {}): number[][] {
  const { window, stride } = sizes(options)
  const patches: number[][] = []
  for (const line of lines(grouping)) {
    const w = Math.min(window, line.length)
    let lastStart = -1
    for (let start = 0; start + w <= line.length; start += stride) {
      patches.push(line.slice(start, start + w))
      lastStart = start
    }
    if (lastStart + w < line.length) patches.push(line.slice(line.length - w))
  }
  return patches
}

export function planOcclusion(game: Game, options: OcclusionOptions = {}): ModelCallPlan {
  const patches = occlusionPatches(game.grouping, options).length
  return plan([
    { name: 'f(x), f(baseline)', model: 'predict', windows: anchorWindows(game) },
    { name: 'occluded windows', model: 'predict', windows: gameWindows(game, patches) }
  ])
}

export async function runOcclusion(
  game: Game,
  ctx: MethodContext,
  options: OcclusionOptions = {}
): Promise<Attribution> {
  const startedAt = Date.now()
  const before = ctx.meter.done
  const m = game.grouping.players.length
  const patches = occlusionPatches(game.grouping, options)
  const masks = new Uint8Array(patches.length * m).fill(1)
  patches.forEach((patch, i) => patch.forEach((p) => (masks[i * m + p] = 0)))
  const { prediction, baselinePrediction } = await anchorValues(game, ctx.model)
  const v = await coalitionValues(game, ctx.model, masks, patches.length)
  const sums = new Float64Array(m)
  const covers = new Float64Array(m)
  patches.forEach((patch, i) => {
    for (const p of patch) {
      sums[p]! += prediction - v[i]!
      covers[p]!++
    }
  })
  const values = sums.map((s, p) => s / covers[p]!)
  const { window, stride } = sizes(options)
  return buildAttribution({
    method: 'occlusion',
    game,
    values,
    prediction,
    baselinePrediction,
    modelCalls: ctx.meter.done - before,
    seed: ctx.seed,
    extra: { occlusion: { window, stride, patches: patches.length } },
    startedAt
  })
}

/** Occlusion by the baseline over a sliding window of players. */
export async function occlusion(
  game: Game,
  predict: PredictFn,
  options: OcclusionOptions & RunOptions & { readonly seed?: number } = {}
): Promise<Attribution> {
  const ctx = createContext(game, predict, options, planOcclusion(game, options))
  return runOcclusion(game, ctx, options)
}

import { buildAttribution } from './attribution'
import type { Game } from './coalition-game'
import { anchorValues, anchorWindows, coalitionValues, gameWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import type { Rng } from './rng'
import { createRng } from './rng'
import type { Attribution, ModelCallPlan, PredictFn, RunOptions } from './types'
import { weightedRidge } from './weighted-ridge'

/**
 * LIME over groups. Samples are binary masks z (1 = player present); the first
 * is x itself, the others switch off k ~ U{1..M} random players (as LIME's text
 * and Lime-For-Time samplers do). The weight of a sample is lime_tabular's
 * kernel √exp(−d²/w²) with d the Euclidean distance from the all-present mask,
 * i.e. d = √(players off), and default width w = 0.75·√M: the same as a width
 * of 0.75 on the normalised distance √(off/M).
 */
export interface LimeOptions {
  /** Samples including x itself (default 2000). */
  readonly nsamples?: number
  readonly kernelWidth?: number
  /** Ridge penalty on the coefficients, not the intercept (default 0.01; LIME uses 1). */
  readonly ridge?: number
}

export const DEFAULT_LIME_SAMPLES = 2000
export const DEFAULT_LIME_RIDGE = 0.01

function samplesOf(options: LimeOptions): number {
  const n = options.nsamples ?? DEFAULT_LIME_SAMPLES
  if (!Number.isInteger(n) || n < 2) {
    throw new ExplainInputError(`LIME needs at least 2 samples, got ${n}`)
  }
  return n
}

export function planLime(game: Game, options: LimeOptions = {}): ModelCallPlan {
  return plan([
    { name: 'f(x), f(baseline)', model: 'predict', windows: anchorWindows(game) },
    { name: 'samples', model: 'predict', windows: gameWindows(game, samplesOf(options) - 1) }
  ])
}

/** Masks of samples 1..n−1 (sample 0 is all present). */
export function limeMasks(m: number, n: number, rng: Rng): Uint8Array {
  const masks = new Uint8Array((n - 1) * m)
  const order = new Int32Array(m)
  for (let s = 0; s < n - 1; s++) {
    const off = 1 + rng.int(m)
    for (let i = 0; i < m; i++) order[i] = i
    masks.fill(1, s * m, (s + 1) * m)
    for (let i = 0; i < off; i++) {
      const j = i + rng.int(m - i)
      const t = order[i]!
      order[i] = order[j]!
      order[j] = t
      masks[s * m + order[i]!] = 0
    }
  }
  return masks
}

export async function runLime(
  game: Game,
  ctx: MethodContext,
  options: LimeOptions = {}
): Promise<Attribution> {
  const startedAt = Date.now()
  const before = ctx.meter.done
  const m = game.grouping.players.length
  const n = samplesOf(options)
  const kernelWidth = options.kernelWidth ?? 0.75 * Math.sqrt(m)
  const ridge = options.ridge ?? DEFAULT_LIME_RIDGE
  if (!(kernelWidth > 0)) throw new ExplainInputError(`kernelWidth must be > 0, got ${kernelWidth}`)
  if (!(ridge >= 0)) throw new ExplainInputError(`ridge must be ≥ 0, got ${ridge}`)
  const masks = limeMasks(m, n, createRng(ctx.seed))
  const { prediction, baselinePrediction } = await anchorValues(game, ctx.model)
  const v = await coalitionValues(game, ctx.model, masks, n - 1)

  const x = new Float64Array(n * m)
  const y = new Float64Array(n)
  const w = new Float64Array(n)
  x.fill(1, 0, m)
  y[0] = prediction
  w[0] = 1
  for (let s = 1; s < n; s++) {
    let off = 0
    for (let p = 0; p < m; p++) {
      const z = masks[(s - 1) * m + p]!
      x[s * m + p] = z
      off += 1 - z
    }
    y[s] = v[s - 1]!
    w[s] = Math.sqrt(Math.exp(-off / kernelWidth ** 2))
  }
  const fit = weightedRidge(x, y, w, n, m, ridge)
  return buildAttribution({
    method: 'lime',
    game,
    values: fit.coefficients,
    prediction,
    baselinePrediction,
    modelCalls: ctx.meter.done - before,
    seed: ctx.seed,
    extra: { lime: { intercept: fit.intercept, r2: fit.r2, kernelWidth, ridge } },
    startedAt
  })
}

/** LIME over the grouping's players: weighted ridge surrogate, its R² is the fidelity. */
export async function lime(
  game: Game,
  predict: PredictFn,
  options: LimeOptions & RunOptions & { readonly seed?: number } = {}
): Promise<Attribution> {
  const ctx = createContext(game, predict, options, planLime(game, options))
  return runLime(game, ctx, options)
}

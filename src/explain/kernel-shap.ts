import { buildAttribution } from './attribution'
import type { Game } from './coalition-game'
import { anchorValues, anchorWindows, coalitionValues, gameWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import type { KernelDesign } from './kernel-design'
import { defaultKernelSamples, designKernelCoalitions, kernelCoalitionCount } from './kernel-design'
import { normalEquations, solveSpd } from './linalg'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import { createRng, deriveSeed } from './rng'
import type { Attribution, ModelCallPlan, PredictFn, RunOptions } from './types'

export interface KernelShapOptions {
  /** Coalitions to evaluate (per background row); default 2·M + 2048 as shap's "auto". */
  readonly nsamples?: number
  /** Bootstrap replicates for the standard errors (0 = none); default 50. */
  readonly bootstrap?: number
}

export const DEFAULT_BOOTSTRAP = 50

function samplesFor(game: Game, options: KernelShapOptions): number {
  return options.nsamples ?? defaultKernelSamples(game.grouping.players.length)
}

export function planKernelShap(game: Game, options: KernelShapOptions = {}): ModelCallPlan {
  const k = kernelCoalitionCount(game.grouping.players.length, samplesFor(game, options))
  return plan([
    { name: 'f(x), f(baseline)', model: 'predict', windows: anchorWindows(game) },
    { name: 'coalitions', model: 'predict', windows: gameWindows(game, k) }
  ])
}

/** Rows `from..to` of the design as normal equations, the last player eliminated. */
function normalPart(
  design: Pick<KernelDesign, 'masks' | 'players'>,
  from: number,
  to: number,
  weights: Float64Array,
  v: Float64Array,
  delta: number,
  baselinePrediction: number
): { xtx: Float64Array; xty: Float64Array } {
  const m = design.players
  const cols = m - 1
  const rows = to - from
  const x = new Float64Array(rows * cols)
  const y = new Float64Array(rows)
  for (let r = 0; r < rows; r++) {
    const base = (from + r) * m
    const last = design.masks[base + m - 1]!
    for (let j = 0; j < cols; j++) x[r * cols + j] = design.masks[base + j]! - last
    y[r] = v[from + r]! - baselinePrediction - last * delta
  }
  return normalEquations(x, y, weights.subarray(from, to), rows, cols)
}

/** Solves the reduced normal equations and restores the eliminated player: Σφ = Δ. */
function completeSolution(
  xtx: Float64Array,
  xty: Float64Array,
  m: number,
  delta: number
): Float64Array {
  const head = solveSpd(xtx, m - 1, xty)
  const phi = new Float64Array(m)
  let sum = 0
  for (let j = 0; j < m - 1; j++) {
    phi[j] = head[j]!
    sum += head[j]!
  }
  phi[m - 1] = delta - sum
  return phi
}

/**
 * Weighted least squares for φ with v(∅) fixed and Σφ = f(x) − f(∅) held
 * exactly, by eliminating the last player as shap does:
 * v(S) − v(∅) − z_M·Δ = Σ_{j<M} (z_j − z_M)·φ_j.
 */
export function solveKernelRegression(
  design: Pick<KernelDesign, 'masks' | 'k' | 'players'>,
  weights: Float64Array,
  v: Float64Array,
  prediction: number,
  baselinePrediction: number
): Float64Array {
  const m = design.players
  const delta = prediction - baselinePrediction
  if (m === 1) return Float64Array.of(delta)
  const { xtx, xty } = normalPart(design, 0, design.k, weights, v, delta, baselinePrediction)
  return completeSolution(xtx, xty, m, delta)
}

/**
 * Bootstrap over the drawn pairs (the enumerated part is not random): SD of each φ.
 * After eliminating the last player a complement's row is minus its partner's,
 * so each pair collapses to one row: weight 2w, target (y_S − y_Sᶜ)/2.
 */
function bootstrapStderr(
  design: KernelDesign,
  v: Float64Array,
  prediction: number,
  baselinePrediction: number,
  replicates: number,
  seed: number,
  checkAbort: () => void
): Float64Array {
  const m = design.players
  const stderr = new Float64Array(m)
  if (replicates <= 0 || design.pairs === 0 || m === 1) return stderr
  const cols = m - 1
  const delta = prediction - baselinePrediction
  // The enumerated rows are the same in every replicate: accumulate them once.
  const fixed = normalPart(design, 0, design.fixed, design.weights, v, delta, baselinePrediction)
  const pairs = design.pairs
  const pairX = new Float64Array(pairs * cols)
  const pairY = new Float64Array(pairs)
  for (let q = 0; q < pairs; q++) {
    const row = design.fixed + 2 * q
    const last = design.masks[row * m + m - 1]!
    for (let j = 0; j < cols; j++) pairX[q * cols + j] = design.masks[row * m + j]! - last
    const yS = v[row]! - baselinePrediction - last * delta
    const yC = v[row + 1]! - baselinePrediction - (1 - last) * delta
    pairY[q] = (yS - yC) / 2
  }
  const rng = createRng(deriveSeed(seed, 1))
  const draws = design.draws.length
  const pairW = new Float64Array(pairs)
  const mean = new Float64Array(m)
  const sq = new Float64Array(m)
  for (let r = 0; r < replicates; r++) {
    checkAbort()
    pairW.fill(0)
    // Each pair's weight ∝ how often the resample drew it, summing to the weight left (×2 rows).
    for (let i = 0; i < draws; i++)
      pairW[design.draws[rng.int(draws)]!]! += design.weightLeft / draws
    const { xtx, xty } = normalEquations(pairX, pairY, pairW, pairs, cols)
    for (let i = 0; i < xtx.length; i++) xtx[i]! += fixed.xtx[i]!
    for (let i = 0; i < cols; i++) xty[i]! += fixed.xty[i]!
    const phi = completeSolution(xtx, xty, m, delta)
    for (let j = 0; j < m; j++) {
      mean[j]! += phi[j]!
      sq[j]! += phi[j]! ** 2
    }
  }
  for (let j = 0; j < m; j++) {
    const mu = mean[j]! / replicates
    const variance = (sq[j]! / replicates - mu * mu) * (replicates / Math.max(replicates - 1, 1))
    stderr[j] = Math.sqrt(Math.max(variance, 0))
  }
  return stderr
}

export async function runKernelShap(
  game: Game,
  ctx: MethodContext,
  options: KernelShapOptions = {},
  known?: { prediction: number; baselinePrediction: number }
): Promise<Attribution> {
  const startedAt = Date.now()
  const before = ctx.meter.done
  const m = game.grouping.players.length
  const replicates = options.bootstrap ?? DEFAULT_BOOTSTRAP
  if (!Number.isInteger(replicates) || replicates < 0) {
    throw new ExplainInputError(`bootstrap must be a non-negative integer, got ${replicates}`)
  }
  const design = designKernelCoalitions(m, samplesFor(game, options), createRng(ctx.seed))
  const anchors = known ?? (await anchorValues(game, ctx.model))
  const v = await coalitionValues(game, ctx.model, design.masks, design.k)
  const { prediction, baselinePrediction } = anchors
  const values = solveKernelRegression(design, design.weights, v, prediction, baselinePrediction)
  const stderr = bootstrapStderr(
    design,
    v,
    prediction,
    baselinePrediction,
    replicates,
    ctx.seed,
    () => ctx.meter.throwIfAborted()
  )
  return buildAttribution({
    method: 'kernelshap',
    game,
    values,
    stderr,
    prediction,
    baselinePrediction,
    modelCalls: ctx.meter.done - before,
    seed: ctx.seed,
    extra: { kernelMode: design.mode, coalitions: design.k },
    startedAt
  })
}

/**
 * KernelSHAP: exact when every coalition fits the budget, otherwise paired
 * sampling with Shapley-kernel weights; Σφ = f(x) − f(baseline) exactly either way.
 */
export async function kernelShap(
  game: Game,
  predict: PredictFn,
  options: KernelShapOptions & RunOptions & { readonly seed?: number } = {}
): Promise<Attribution> {
  const ctx = createContext(game, predict, options, planKernelShap(game, options))
  return runKernelShap(game, ctx, options)
}

/**
 * Counterfactual search: the smallest change to a window (normalised L1 over
 * the free cells, inside each feature's range) that moves the forecast to a
 * target. Sequential linear programming with an exact L1 penalty: at each
 * iterate the model is linearised with its gradient, the minimal-L1 window
 * for the linearised model is found in closed form (a fractional knapsack,
 * so only the most effective cells move: that is where sparsity comes from),
 * and a step towards it is taken, its length chosen on the penalty objective
 * ½(f − y*)² + μ·distance. Pure: the model comes in as PredictFn and GradFn.
 */
import {
  l1Distance,
  linearisedStep,
  searchSpace,
  type SearchSpace,
  type SpaceOptions
} from './counterfactual-step'
import { ExplainAbortedError, ExplainInputError } from './errors'
import type { AbortLike, GradFn, PredictFn, ProgressFn, WindowShape } from './types'

export interface CounterfactualOptions extends SpaceOptions {
  /** The forecast to reach, in the model's output units. */
  readonly target: number
  /** Reached when |f − target| ≤ tolerance (same units). */
  readonly tolerance: number
  /** Linearisations at most (default 25). */
  readonly maxIterations?: number
  /** Weight of the distance in the step-length objective (default tolerance²). */
  readonly mu?: number
  readonly signal?: AbortLike
  /** Called after each linearisation with (iterations done, maxIterations). */
  readonly onProgress?: ProgressFn
}

export interface ChangedCell {
  readonly step: number
  readonly feature: number
  readonly from: number
  readonly to: number
}

export interface CounterfactualResult {
  readonly target: number
  /** Whether |prediction − target| ≤ tolerance; when not, the window is the closest one found. */
  readonly reached: boolean
  /** f(window). */
  readonly prediction: number
  /** f(original). */
  readonly originalPrediction: number
  /** The window found, T × F row-major, in the model's units. */
  readonly window: Float32Array
  readonly changed: ChangedCell[]
  /** Σ |change| / feature range over all cells. */
  readonly distance: number
  readonly iterations: number
  /** Windows evaluated (predict and gradient). */
  readonly modelCalls: number
}

/** Step lengths tried along each linearised step, evaluated in one batch. */
const STEP_LENGTHS = [1, 0.5, 0.25, 0.125]

export async function counterfactual(
  window: ArrayLike<number>,
  shape: WindowShape,
  predict: PredictFn,
  gradient: GradFn,
  options: CounterfactualOptions
): Promise<CounterfactualResult> {
  const { target, tolerance } = options
  if (!Number.isFinite(target)) throw new ExplainInputError(`Target ${target} is not a number`)
  if (!(tolerance >= 0)) throw new ExplainInputError(`Tolerance must be ≥ 0, got ${tolerance}`)
  // The model sees Float32: search over windows it represents exactly.
  const x = Float64Array.from(Float32Array.from(window))
  const space = searchSpace(x, shape, options)
  const mu = options.mu ?? tolerance * tolerance
  const maxIterations = options.maxIterations ?? 25
  const size = x.length
  let calls = 0
  const evaluate = async (windows: Float64Array[]): Promise<Float32Array> => {
    if (options.signal?.aborted) throw new ExplainAbortedError()
    const batch = new Float32Array(windows.length * size)
    windows.forEach((w, i) => batch.set(w, i * size))
    calls += windows.length
    return predict(batch, windows.length)
  }
  const merit = (f: number, z: Float64Array): number =>
    0.5 * (f - target) ** 2 + mu * l1Distance(space, x, z)

  let current = x
  let value = (await evaluate([current]))[0]!
  const originalPrediction = value
  let best = { window: current, value }
  let iterations = 0
  while (Math.abs(value - target) > tolerance && iterations < maxIterations) {
    iterations += 1
    if (options.signal?.aborted) throw new ExplainAbortedError()
    calls += 1
    const g = await gradient(Float32Array.from(current), 1)
    // Needed change of f from the original window, under the linearisation at `current`.
    let linear = 0
    for (let c = 0; c < size; c++) linear += g[c]! * (current[c]! - x[c]!)
    const { z } = linearisedStep(space, x, g, target - value + linear)
    const candidates = STEP_LENGTHS.map((eta) =>
      Float64Array.from(Float32Array.from(current.map((v, c) => v + eta * (z[c]! - v))))
    )
    const values = await evaluate(candidates)
    let pick = -1
    let pickMerit = merit(value, current)
    values.forEach((f, i) => {
      const m = merit(f, candidates[i]!)
      if (m < pickMerit) {
        pick = i
        pickMerit = m
      }
    })
    if (pick < 0) break // no step length improves: a stationary point of the search
    current = candidates[pick]!
    value = values[pick]!
    options.onProgress?.(iterations, maxIterations)
    if (Math.abs(value - target) < Math.abs(best.value - target)) best = { window: current, value }
  }
  if (Math.abs(best.value - target) <= tolerance) {
    // The damped steps can leave cells changed that the target no longer needs: put
    // back the least effective changes (|g·Δ| smallest first), as many as tolerance allows.
    const cells = changedCells(space, x, best.window).map(
      (c) => c.step * shape.features + c.feature
    )
    if (cells.length > 1) {
      calls += 1
      const g = await gradient(Float32Array.from(best.window), 1)
      const effect = (c: number): number => Math.abs(g[c]! * (best.window[c]! - x[c]!))
      cells.sort((a, b) => effect(a) - effect(b))
      const counts: number[] = []
      for (let k = 1; k < cells.length; k *= 2) counts.push(k)
      const pruned = counts.map((k) => {
        const w = Float64Array.from(best.window)
        for (const c of cells.slice(0, k)) w[c] = x[c]!
        return w
      })
      const values = await evaluate(pruned)
      // Counts rise, so the last one within tolerance puts back the most cells.
      values.forEach((f, i) => {
        if (Math.abs(f - target) <= tolerance) best = { window: pruned[i]!, value: f }
      })
    }
  }
  return {
    target,
    reached: Math.abs(best.value - target) <= tolerance,
    prediction: best.value,
    originalPrediction,
    window: Float32Array.from(best.window),
    changed: changedCells(space, x, best.window),
    distance: l1Distance(space, x, best.window),
    iterations,
    modelCalls: calls
  }
}

function changedCells(space: SearchSpace, x: Float64Array, z: Float64Array): ChangedCell[] {
  const { features } = space.shape
  const out: ChangedCell[] = []
  for (let c = 0; c < x.length; c++) {
    if (z[c] !== x[c]) {
      out.push({ step: Math.floor(c / features), feature: c % features, from: x[c]!, to: z[c]! })
    }
  }
  return out
}

/**
 * The pieces of the counterfactual search that need no model: which cells may
 * move and how far, the L1 cost, and the minimal-L1 step of a linearised model.
 */
import { ExplainInputError } from './errors'
import type { WindowShape } from './types'

/** Per-feature box and cost, and which cells may change. */
export interface SearchSpace {
  readonly shape: WindowShape
  /** Lower and upper bound per cell (the feature's range, widened to hold the original value). */
  readonly lo: Float64Array
  readonly hi: Float64Array
  /** Cost per unit of change per cell: 1 / the feature's range, so distances compare across features. */
  readonly cost: Float64Array
  readonly free: Uint8Array
}

export interface SpaceOptions {
  /** Per-feature [min, max] the values must stay within (the training range). */
  readonly bounds: readonly (readonly [number, number])[]
  /** Features that must not change. */
  readonly lockedFeatures?: readonly number[]
  /** Steps that must not change. */
  readonly lockedSteps?: readonly number[]
  /** Only the last k steps may change. */
  readonly lastSteps?: number
}

export function searchSpace(
  x: ArrayLike<number>,
  shape: WindowShape,
  options: SpaceOptions
): SearchSpace {
  const { steps, features } = shape
  const size = steps * features
  if (x.length !== size) {
    throw new ExplainInputError(`The window has ${x.length} values, not ${steps} × ${features}`)
  }
  if (options.bounds.length !== features) {
    throw new ExplainInputError(
      `Need bounds for ${features} features, got ${options.bounds.length}`
    )
  }
  const checkIndex = (what: string, i: number, n: number): void => {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new ExplainInputError(`Locked ${what} ${i} is not in 0–${n - 1}`)
    }
  }
  const lockedF = new Set(options.lockedFeatures ?? [])
  const lockedS = new Set(options.lockedSteps ?? [])
  lockedF.forEach((f) => checkIndex('feature', f, features))
  lockedS.forEach((s) => checkIndex('step', s, steps))
  const last = options.lastSteps ?? steps
  if (!Number.isInteger(last) || last < 1) {
    throw new ExplainInputError(`lastSteps must be a positive integer, got ${last}`)
  }
  const lo = new Float64Array(size)
  const hi = new Float64Array(size)
  const cost = new Float64Array(size)
  const free = new Uint8Array(size)
  for (let t = 0; t < steps; t++) {
    for (let f = 0; f < features; f++) {
      const c = t * features + f
      const [min, max] = options.bounds[f]!
      if (!(min <= max)) throw new ExplainInputError(`Feature ${f} has bounds [${min}, ${max}]`)
      // A test value outside the training range may stay where it is; it just cannot move further out.
      lo[c] = Math.min(min, x[c]!)
      hi[c] = Math.max(max, x[c]!)
      cost[c] = 1 / (max > min ? max - min : 1)
      free[c] = !lockedF.has(f) && !lockedS.has(t) && t >= steps - last ? 1 : 0
    }
  }
  return { shape, lo, hi, cost, free }
}

/** Σ cost · |z − x|: the normalised L1 distance the search minimises. */
export function l1Distance(space: SearchSpace, x: ArrayLike<number>, z: ArrayLike<number>): number {
  let d = 0
  for (let c = 0; c < x.length; c++) d += space.cost[c]! * Math.abs(z[c]! - x[c]!)
  return d
}

/**
 * The minimal-L1 window under the linearisation f(z) ≈ f0 + g·(z − x0) that
 * moves the forecast by `needed` from f(x): a fractional knapsack, so cells
 * are filled to their bound in order of |g| / cost and the last one partly.
 * For a linear model this is the exact minimal change. Returns the window and
 * the part of `needed` it could not reach within the bounds (0 when reached).
 */
export function linearisedStep(
  space: SearchSpace,
  x: ArrayLike<number>,
  g: ArrayLike<number>,
  needed: number
): { z: Float64Array; shortfall: number } {
  const size = x.length
  const z = Float64Array.from(x)
  if (needed === 0) return { z, shortfall: 0 }
  const order: number[] = []
  for (let c = 0; c < size; c++) if (space.free[c] && g[c] !== 0) order.push(c)
  order.sort((a, b) => Math.abs(g[b]!) / space.cost[b]! - Math.abs(g[a]!) / space.cost[a]!)
  let remaining = Math.abs(needed)
  for (const c of order) {
    if (remaining <= 0) break
    const gc = g[c]!
    const up = needed * gc > 0
    const room = up ? space.hi[c]! - x[c]! : x[c]! - space.lo[c]!
    if (room <= 0) continue
    const move = Math.min(room, remaining / Math.abs(gc))
    z[c] = up ? x[c]! + move : x[c]! - move
    remaining -= move * Math.abs(gc)
  }
  return { z, shortfall: Math.max(0, remaining) * Math.sign(needed) }
}

/**
 * The penalty objective J(z) = ½(f(z) − y*)² + μ Σ cost·|z − x| and its
 * (sub)gradient, from the model's value and gradient at z. The search uses J
 * to pick its step length; the sparsity comes from the L1 term.
 */
export function penaltyObjective(
  space: SearchSpace,
  x: ArrayLike<number>,
  z: ArrayLike<number>,
  value: number,
  gradient: ArrayLike<number>,
  target: number,
  mu: number
): { value: number; gradient: Float64Array } {
  const gap = value - target
  const grad = new Float64Array(z.length)
  for (let c = 0; c < z.length; c++) {
    const d = z[c]! - x[c]!
    grad[c] = gap * gradient[c]! + mu * space.cost[c]! * Math.sign(d)
  }
  return { value: 0.5 * gap * gap + mu * l1Distance(space, x, z), gradient: grad }
}

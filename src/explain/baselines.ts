import { ExplainInputError } from './errors'
import { checkShape } from './grouping'
import type { Rng } from './rng'
import { permutation } from './rng'
import type { BaselineKind, WindowShape } from './types'

/**
 * What "absent" means. A player that is out of a coalition takes its cells
 * from the baseline. With several background rows, every value is the mean
 * over rows: f(baseline) := mean over rows of f(row).
 */
export interface Baseline {
  readonly kind: BaselineKind
  readonly shape: WindowShape
  /** `count` windows, row-major like a PredictFn batch. */
  readonly windows: Float32Array
  readonly count: number
}

/** A fixed baseline, or one computed from the window being explained (last value). */
export type BaselineSource = Baseline | ((window: Float32Array) => Baseline)

function windowSize(shape: WindowShape): number {
  return shape.steps * shape.features
}

function checkWindows(data: Float32Array, count: number, shape: WindowShape): void {
  checkShape(shape)
  if (!Number.isInteger(count) || count < 1) {
    throw new ExplainInputError(`Need at least one training window, got ${count}`)
  }
  if (data.length !== count * windowSize(shape)) {
    throw new ExplainInputError(
      `Expected ${count}×${shape.steps}×${shape.features} = ${count * windowSize(shape)} values, got ${data.length}`
    )
  }
}

/** Background rows as given (already scaled like the model's inputs). */
export function customBaseline(
  windows: Float32Array,
  count: number,
  shape: WindowShape,
  kind: BaselineKind = 'custom'
): Baseline {
  checkWindows(windows, count, shape)
  return { kind, shape, windows, count }
}

/** Cell-wise mean of the training windows. */
export function meanBaseline(train: Float32Array, count: number, shape: WindowShape): Baseline {
  checkWindows(train, count, shape)
  const size = windowSize(shape)
  const sums = new Float64Array(size)
  for (let w = 0; w < count; w++) {
    for (let c = 0; c < size; c++) sums[c]! += train[w * size + c]!
  }
  const out = new Float32Array(size)
  for (let c = 0; c < size; c++) out[c] = sums[c]! / count
  return { kind: 'mean', shape, windows: out, count: 1 }
}

/** Cell-wise median of the training windows (robust to outlying windows). */
export function medianBaseline(train: Float32Array, count: number, shape: WindowShape): Baseline {
  checkWindows(train, count, shape)
  const size = windowSize(shape)
  const column = new Float64Array(count)
  const out = new Float32Array(size)
  for (let c = 0; c < size; c++) {
    for (let w = 0; w < count; w++) column[w] = train[w * size + c]!
    column.sort()
    const mid = count >> 1
    out[c] = count % 2 === 1 ? column[mid]! : (column[mid - 1]! + column[mid]!) / 2
  }
  return { kind: 'median', shape, windows: out, count: 1 }
}

/** All zeros in scaled units (the training mean when inputs are standardised). */
export function zerosBaseline(shape: WindowShape): Baseline {
  checkShape(shape)
  return { kind: 'zeros', shape, windows: new Float32Array(windowSize(shape)), count: 1 }
}

/** Every step equals the window's last step: "nothing changed since". */
export function lastValueBaseline(window: Float32Array, shape: WindowShape): Baseline {
  checkWindows(window, 1, shape)
  const { steps, features } = shape
  const out = new Float32Array(steps * features)
  const last = window.subarray((steps - 1) * features, steps * features)
  for (let t = 0; t < steps; t++) out.set(last, t * features)
  return { kind: 'last', shape, windows: out, count: 1 }
}

/**
 * Up to `size` training windows drawn without replacement. Cost grows
 * linearly with the size: every coalition is evaluated against every row.
 */
export function backgroundBaseline(
  train: Float32Array,
  count: number,
  shape: WindowShape,
  size: number,
  rng: Rng
): Baseline {
  checkWindows(train, count, shape)
  if (!Number.isInteger(size) || size < 1) {
    throw new ExplainInputError(`Background size must be a positive integer, got ${size}`)
  }
  const rowSize = windowSize(shape)
  const take = Math.min(size, count)
  const order = take === count ? null : permutation(rng, count)
  const out = new Float32Array(take * rowSize)
  for (let i = 0; i < take; i++) {
    const row = order === null ? i : order[i]!
    out.set(train.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize)
  }
  return { kind: 'background', shape, windows: out, count: take }
}

export function resolveBaseline(source: BaselineSource, window: Float32Array): Baseline {
  return typeof source === 'function' ? source(window) : source
}

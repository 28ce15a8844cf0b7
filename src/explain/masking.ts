import type { Baseline } from './baselines'
import type { Grouping } from './grouping'

/**
 * Writes one perturbed window into `out` at `offset`: background row `row`,
 * with the cells of every present player (mask[p] = 1) taken from `x`.
 */
export function writeMaskedWindow(
  out: Float32Array,
  offset: number,
  x: Float32Array,
  baseline: Baseline,
  row: number,
  grouping: Grouping,
  mask: Uint8Array,
  maskOffset = 0
): void {
  const size = x.length
  out.set(baseline.windows.subarray(row * size, (row + 1) * size), offset)
  const { cells } = grouping
  for (let p = 0; p < cells.length; p++) {
    if (mask[maskOffset + p] !== 1) continue
    for (const c of cells[p]!) out[offset + c] = x[c]!
  }
}

/** The window a coalition describes, against one background row (for display and tests). */
export function maskWindow(
  x: Float32Array,
  baseline: Baseline,
  grouping: Grouping,
  present: ArrayLike<boolean | number>,
  row = 0
): Float32Array {
  const mask = new Uint8Array(grouping.cells.length)
  for (let p = 0; p < mask.length; p++) mask[p] = present[p] ? 1 : 0
  const out = new Float32Array(x.length)
  writeMaskedWindow(out, 0, x, baseline, row, grouping, mask)
  return out
}

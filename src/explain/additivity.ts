import type { AdditivityGap } from './types'

/**
 * How far the values are from summing to f(x) − f(baseline). Relative to the
 * larger of that difference and Σ|values|, so cancelling values don't hide a gap.
 */
export function additivityGap(
  values: ArrayLike<number>,
  prediction: number,
  baselinePrediction: number
): AdditivityGap {
  let sum = 0
  let sumAbs = 0
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!
    sumAbs += Math.abs(values[i]!)
  }
  const delta = prediction - baselinePrediction
  const absolute = sum - delta
  const scale = Math.max(Math.abs(delta), sumAbs, 1e-12)
  return { absolute, relative: Math.abs(absolute) / scale }
}

import type { MissingPolicy } from '../../../shared/data-config'

/**
 * Apply the missing-value policy to one column (NaN = missing). 'skip' leaves
 * gaps in place so that windows touching them are dropped; 'ffill' carries the
 * last observation forward; 'interpolate' draws a straight line across a gap.
 * Leading gaps (and, for interpolation, trailing ones) stay missing: nothing
 * observed exists to fill them from.
 */
export function applyMissingPolicy(values: Float64Array, policy: MissingPolicy): Float64Array {
  const out = Float64Array.from(values)
  switch (policy) {
    case 'skip':
      return out
    case 'ffill': {
      let last = NaN
      for (let i = 0; i < out.length; i++) {
        if (Number.isNaN(out[i]!)) out[i] = last
        else last = out[i]!
      }
      return out
    }
    case 'interpolate': {
      let prev = -1
      for (let i = 0; i < out.length; i++) {
        if (Number.isNaN(out[i]!)) continue
        if (prev >= 0 && i - prev > 1) {
          const a = out[prev]!
          const b = out[i]!
          for (let k = prev + 1; k < i; k++) out[k] = a + ((b - a) * (k - prev)) / (i - prev)
        }
        prev = i
      }
      return out
    }
    default:
      throw new Error(`Unknown missing-value policy: ${String(policy)}`)
  }
}

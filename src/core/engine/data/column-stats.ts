/** Per-column facts for the Data view and `inspect`: counts, moments and a histogram. */
export interface ColumnStats {
  /** Observed (non-missing) values. */
  readonly count: number
  readonly missing: number
  readonly min: number | null
  readonly max: number | null
  readonly mean: number | null
  /** Sample standard deviation (n − 1); null below two values. */
  readonly std: number | null
  readonly histogram: Histogram | null
}

/** Equal-width bins over [min, max]; the last bin includes max. */
export interface Histogram {
  readonly min: number
  readonly max: number
  readonly counts: number[]
}

export const MAX_BINS = 30

export function columnStats(values: Float64Array, bins?: number): ColumnStats {
  // Welford's update: one pass, stable for large means (timestamps, CO2 in ppm).
  let count = 0
  let mean = 0
  let m2 = 0
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (Number.isNaN(v)) continue
    count += 1
    const delta = v - mean
    mean += delta / count
    m2 += delta * (v - mean)
    if (v < min) min = v
    if (v > max) max = v
  }
  const missing = values.length - count
  if (count === 0) {
    return { count, missing, min: null, max: null, mean: null, std: null, histogram: null }
  }
  return {
    count,
    missing,
    min,
    max,
    mean,
    std: count > 1 ? Math.sqrt(m2 / (count - 1)) : null,
    histogram: histogram(values, min, max, bins ?? sturgesBins(count))
  }
}

/** Sturges' rule, capped: enough bins to show a shape, few enough to draw small. */
export function sturgesBins(count: number): number {
  return Math.max(1, Math.min(MAX_BINS, Math.ceil(Math.log2(count)) + 1))
}

function histogram(values: Float64Array, min: number, max: number, bins: number): Histogram {
  const counts = new Array<number>(max > min ? bins : 1).fill(0)
  const width = (max - min) / counts.length
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (Number.isNaN(v)) continue
    const b = width > 0 ? Math.min(counts.length - 1, Math.floor((v - min) / width)) : 0
    counts[b]! += 1
  }
  return { min, max, counts }
}

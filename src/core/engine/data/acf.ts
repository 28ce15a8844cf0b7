/**
 * Sample autocorrelation with missing values, its white-noise confidence
 * band, and what it suggests: a season length (the strongest ACF peak) and a
 * window length (one season, or as far back as the ACF stays significant).
 */
export interface Acf {
  /** r[0] = 1, r[k] for k = 1..maxLag. */
  readonly values: readonly number[]
  /** ±band: 95% limits for white noise (1.96 / √n). */
  readonly band: number
  /** Observed values the ACF was computed from. */
  readonly n: number
}

/**
 * r_k = Σ (x_t − x̄)(x_{t+k} − x̄) / Σ (x_t − x̄)², over pairs where both are
 * observed (the "conservative" missing-value rule of statsmodels' acf).
 */
export function autocorrelation(values: Float64Array, maxLag: number): Acf {
  let n = 0
  let sum = 0
  for (const v of values) {
    if (!Number.isNaN(v)) {
      n += 1
      sum += v
    }
  }
  const mean = n > 0 ? sum / n : 0
  const d = new Float64Array(values.length)
  let denom = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    d[i] = Number.isNaN(v) ? NaN : v - mean
    if (!Number.isNaN(v)) denom += d[i]! * d[i]!
  }
  const lags = Math.max(0, Math.min(maxLag, values.length - 1))
  const out = [1]
  for (let k = 1; k <= lags; k++) {
    let s = 0
    for (let t = 0; t + k < d.length; t++) {
      const p = d[t]! * d[t + k]!
      if (!Number.isNaN(p)) s += p
    }
    out.push(denom > 0 ? s / denom : 0)
  }
  return { values: out, band: n > 0 ? 1.96 / Math.sqrt(n) : 1, n }
}

/** First differences (NaN where either side is missing): removes a trend before looking for seasons. */
export function differences(values: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, values.length - 1))
  for (let i = 1; i < values.length; i++) out[i - 1] = values[i]! - values[i - 1]!
  return out
}

/**
 * The ACF looks at the most recent values only beyond this many: enough for
 * any season it can report (at most 400 lags), and it keeps a million-row
 * file's inspection to a fraction of a second per column.
 */
export const ACF_MAX_VALUES = 50_000

/** The last ACF_MAX_VALUES values (all of them for shorter series). */
export function recent(values: Float64Array): Float64Array {
  return values.length > ACF_MAX_VALUES ? values.subarray(values.length - ACF_MAX_VALUES) : values
}

/** Lags the Data view and `inspect` look at by default: up to a third of the series, at most 400. */
export function defaultMaxLag(rows: number): number {
  return Math.max(1, Math.min(400, Math.floor(rows / 3)))
}

export interface SeasonPeak {
  readonly lag: number
  readonly value: number
}

/**
 * The season: the highest local maximum of the ACF at lag ≥ 2 that lies
 * well above the band and rises from a trough at least one band-width lower
 * (a slowly decaying ACF has bumps, not seasons).
 */
export function findSeason(acf: Acf): SeasonPeak | null {
  const r = acf.values
  let best: SeasonPeak | null = null
  let trough = Infinity
  for (let k = 1; k < r.length; k++) {
    trough = Math.min(trough, r[k]!)
    if (k < 2 || k + 1 >= r.length) continue
    const v = r[k]!
    if (v <= r[k - 1]! || v < r[k + 1]!) continue
    // 1.5 bands: a season should stand clear of the white-noise limits, not graze them.
    if (v <= 1.5 * acf.band || v - trough < acf.band) continue
    if (!best || v > best.value + 1e-12) best = { lag: k, value: v }
  }
  return best
}

/** The last lag before the ACF first falls inside the band (at least 1). */
export function memoryLength(acf: Acf): number {
  const r = acf.values
  for (let k = 1; k < r.length; k++) if (Math.abs(r[k]!) <= acf.band) return Math.max(1, k - 1)
  return Math.max(1, r.length - 1)
}

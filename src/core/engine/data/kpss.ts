/**
 * The KPSS test (Kwiatkowski, Phillips, Schmidt & Shin 1992) of the null
 * hypothesis that a series is stationary around a level ('c') or a linear
 * trend ('ct'). Rejecting level stationarity means the level wanders or
 * trends: a model fitted on past levels will meet levels it never saw, so
 * learning changes is the safer target. Lags follow statsmodels' conventions
 * ('auto': Hobijn et al. 1998; 'legacy': ⌈12 (n/100)^¼⌉).
 */
export type KpssRegression = 'c' | 'ct'
export type KpssLags = number | 'auto' | 'legacy'

export interface KpssResult {
  readonly regression: KpssRegression
  readonly statistic: number
  readonly lags: number
  readonly n: number
  /** Interpolated in the table of critical values and clamped to [0.01, 0.10]. */
  readonly pValue: number
  /** Whether the true p-value lies beyond the table (below 0.01 or above 0.10). */
  readonly pBeyondTable: boolean
  /** Critical value at 5%. */
  readonly critical5: number
}

/** Table 1 of Kwiatkowski et al. (1992): critical values at 10%, 5%, 2.5%, 1%. */
const CRITICAL: Record<KpssRegression, readonly number[]> = {
  c: [0.347, 0.463, 0.574, 0.739],
  ct: [0.119, 0.146, 0.176, 0.216]
}
const P_LEVELS = [0.1, 0.05, 0.025, 0.01]

export function kpss(
  values: ArrayLike<number>,
  regression: KpssRegression = 'c',
  lags: KpssLags = 'auto'
): KpssResult {
  const x = Float64Array.from(values)
  const n = x.length
  if (n < 3) throw new Error('KPSS needs at least three values.')
  const e = residuals(x, regression)
  let l: number
  if (lags === 'auto') l = Math.min(autoLags(e), n - 1)
  else if (lags === 'legacy') l = Math.min(Math.ceil(12 * Math.pow(n / 100, 1 / 4)), n - 1)
  else l = lags
  if (!Number.isInteger(l) || l < 0 || l >= n)
    throw new Error(`KPSS lags must be in [0, ${n - 1}].`)
  let partial = 0
  let eta = 0
  for (let t = 0; t < n; t++) {
    partial += e[t]!
    eta += partial * partial
  }
  eta /= n * n
  const statistic = eta / longRunVariance(e, l)
  const crit = CRITICAL[regression]
  const { p, beyond } = interpolateP(statistic, crit)
  return { regression, statistic, lags: l, n, pValue: p, pBeyondTable: beyond, critical5: crit[1]! }
}

/** Residuals of the series on a constant, or on a constant and a linear time trend. */
function residuals(x: Float64Array, regression: KpssRegression): Float64Array {
  const n = x.length
  const mean = x.reduce((a, b) => a + b, 0) / n
  const e = new Float64Array(n)
  if (regression === 'c') {
    for (let t = 0; t < n; t++) e[t] = x[t]! - mean
    return e
  }
  const tMean = (n - 1) / 2
  let sxy = 0
  let sxx = 0
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (x[t]! - mean)
    sxx += (t - tMean) * (t - tMean)
  }
  const slope = sxy / sxx
  for (let t = 0; t < n; t++) e[t] = x[t]! - mean - slope * (t - tMean)
  return e
}

/** Newey–West estimate with Bartlett weights 1 − i/(l + 1) (equation 10 of the paper). */
function longRunVariance(e: Float64Array, lags: number): number {
  const n = e.length
  let s = 0
  for (let t = 0; t < n; t++) s += e[t]! * e[t]!
  for (let i = 1; i <= lags; i++) {
    let p = 0
    for (let t = i; t < n; t++) p += e[t]! * e[t - i]!
    s += 2 * p * (1 - i / (lags + 1))
  }
  return s / n
}

/** Hobijn, Franses & Ooms (1998) data-dependent bandwidth, as statsmodels computes it. */
function autoLags(e: Float64Array): number {
  const n = e.length
  const covLags = Math.floor(Math.pow(n, 2 / 9))
  let s0 = 0
  for (let t = 0; t < n; t++) s0 += e[t]! * e[t]!
  s0 /= n
  let s1 = 0
  for (let i = 1; i <= covLags; i++) {
    let p = 0
    for (let t = i; t < n; t++) p += e[t]! * e[t - i]!
    p /= n / 2
    s0 += p
    s1 += i * p
  }
  const sHat = s1 / s0
  const gamma = 1.1447 * Math.pow(sHat * sHat, 1 / 3)
  return Math.max(0, Math.floor(gamma * Math.pow(n, 1 / 3)))
}

/** Linear interpolation of p in the table; clamped at its ends like statsmodels and R's tseries. */
function interpolateP(stat: number, crit: readonly number[]): { p: number; beyond: boolean } {
  if (stat <= crit[0]!) return { p: P_LEVELS[0]!, beyond: stat < crit[0]! }
  if (stat >= crit[crit.length - 1]!)
    return { p: P_LEVELS[P_LEVELS.length - 1]!, beyond: stat > crit[crit.length - 1]! }
  for (let i = 1; i < crit.length; i++) {
    if (stat <= crit[i]!) {
      const f = (stat - crit[i - 1]!) / (crit[i]! - crit[i - 1]!)
      return { p: P_LEVELS[i - 1]! + f * (P_LEVELS[i]! - P_LEVELS[i - 1]!), beyond: false }
    }
  }
  return { p: P_LEVELS[P_LEVELS.length - 1]!, beyond: true }
}

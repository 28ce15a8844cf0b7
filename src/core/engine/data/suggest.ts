import type { Trend } from '../../../shared/data-inspection'
import {
  ACF_MAX_VALUES,
  autocorrelation,
  defaultMaxLag,
  differences,
  findSeason,
  memoryLength,
  recent,
  type Acf
} from './acf'
import { kpss } from './kpss'

/** Fewer observed values than this and no suggestion is made: the ACF and the test would be noise. */
export const MIN_VALUES = 24

const fmt = (x: number, digits = 2): string => x.toFixed(digits)

/**
 * The trend test: KPSS for level stationarity on the training part's observed
 * values (the model only learns from those). With a season, the test sees
 * whole seasons only: a part-season at the end shifts the mean and reads as
 * a trend. A rejection at 5% means the level wanders
 * or trends, so the change mode is suggested.
 */
export function trendTest(
  values: Float64Array,
  trainEndRow: number,
  season: number | null = null
): Trend | null {
  let end = Math.min(trainEndRow, values.length)
  if (season && end >= 2 * season) end = Math.floor(end / season) * season
  const observed: number[] = []
  // The most recent training values only, beyond ACF_MAX_VALUES (the Newey–West sum is n × lags).
  for (let i = Math.max(0, end - ACF_MAX_VALUES); i < end; i++) {
    if (!Number.isNaN(values[i]!)) observed.push(values[i]!)
  }
  if (observed.length < MIN_VALUES) return null
  const first = observed[0]!
  if (observed.every((v) => v === first)) return null
  const r = kpss(observed, 'c', 'auto')
  const present = r.statistic > r.critical5
  const p = r.pBeyondTable
    ? r.pValue <= 0.01
      ? 'p < 0.01'
      : 'p > 0.10'
    : `p = ${fmt(r.pValue, 3)}`
  const whole = season && end < Math.min(trainEndRow, values.length)
  const what = `KPSS test on the training part (${observed.length} values${whole ? `, whole seasons of ${season}` : ''})`
  const reason = present
    ? `${what}: statistic ${fmt(r.statistic)} > ${r.critical5}, the 5% critical value (${p}); the level is not stationary, so learn the change.`
    : `${what}: statistic ${fmt(r.statistic)} ≤ ${r.critical5}, the 5% critical value (${p}); no trend found.`
  return {
    present,
    test: 'KPSS',
    statistic: r.statistic,
    pValue: r.pValue,
    pBeyondTable: r.pBeyondTable,
    critical5: r.critical5,
    lags: r.lags,
    n: observed.length,
    reason,
    code: present ? 'kpss-trend' : 'kpss-no-trend',
    params: { n: observed.length, statistic: fmt(r.statistic), critical: r.critical5, p }
  }
}

/** A suggestion's reason in English, and as a code with values for other languages. */
interface Reasoned {
  reason: string
  code: string
  params: Record<string, string | number>
}

export interface Suggestions {
  readonly acf: Acf & { readonly differenced: boolean }
  readonly trend: Trend | null
  readonly season: (Reasoned & { lag: number }) | null
  readonly window: (Reasoned & { steps: number }) | null
}

/**
 * Season, trend and window together. The season is the strongest ACF peak
 * of the levels; the trend test runs with that season removed (a season is
 * not a trend). With a trend and no season in the levels, the ACF of the
 * changes is searched instead: a trend's slowly decaying ACF hides the
 * season's peaks. The window covers one season; without a season, as many
 * steps as the ACF stays significant. Either is capped at a quarter of the
 * training rows, so that training keeps enough windows.
 */
export function suggest(
  values: Float64Array,
  trainEndRow: number,
  maxLag?: number
): Suggestions | null {
  let observed = 0
  for (const v of values) if (!Number.isNaN(v)) observed += 1
  if (observed < MIN_VALUES) return null
  const lags = maxLag ?? defaultMaxLag(values.length)
  let acf = autocorrelation(recent(values), lags)
  let peak = findSeason(acf)
  const trend = trendTest(values, trainEndRow, peak?.lag ?? null)
  const differenced = !peak && (trend?.present ?? false)
  if (differenced) {
    acf = autocorrelation(differences(recent(values)), lags)
    peak = findSeason(acf)
  }
  const band = `95% band ±${fmt(acf.band)}`
  const of = differenced ? ' of the changes' : ''
  const season = peak
    ? {
        lag: peak.lag,
        reason: `ACF${of} peak at lag ${peak.lag} (r = ${fmt(peak.value)}, ${band}).`,
        code: 'acf-peak',
        params: { lag: peak.lag, r: fmt(peak.value), band: fmt(acf.band) }
      }
    : null
  const cap = Math.max(1, Math.floor(trainEndRow / 4))
  let window: Suggestions['window']
  if (peak) {
    window = {
      steps: Math.min(peak.lag, cap),
      reason:
        peak.lag <= cap
          ? `One season: ACF${of} peak at lag ${peak.lag}.`
          : `One season (ACF${of} peak at lag ${peak.lag}), cut to ${cap}, a quarter of the training rows.`,
      code: peak.lag <= cap ? 'window-season' : 'window-season-capped',
      params: { lag: peak.lag, cap }
    }
  } else {
    const memory = memoryLength(acf)
    window = {
      steps: Math.min(memory, cap),
      reason:
        memory <= cap
          ? `The ACF${of} stays outside the ${band} up to lag ${memory}.`
          : `The ACF${of} stays outside the ${band} up to lag ${memory}; cut to ${cap}, a quarter of the training rows.`,
      code: memory <= cap ? 'window-memory' : 'window-memory-capped',
      params: { lag: memory, cap, band: fmt(acf.band) }
    }
  }
  return { acf: { ...acf, differenced }, trend, season, window }
}

import type { ResolvedTargetMode, TargetMode } from '../../../shared/data-config'
import type { TargetModeChoice } from '../../../shared/domain'
import { suggest, trendTest } from './suggest'

/** The share of the training part whose level is compared with the range of what came before. */
const TAIL_SHARE = 0.1

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(4))

/**
 * Decide the target mode before training, from the training part's values.
 * 'auto' learns changes when the KPSS test on the training part finds the
 * level non-stationary — over whole seasons of the given season length, else
 * of the series' strongest ACF peak (only the period comes from the whole
 * series): exactly the Data view's suggestion, so the two agree on the trend
 * — or when the last tenth of the training part sits (on average) outside
 * the range of the rest: a model of levels would then have to reach levels it
 * never saw. Otherwise it learns levels. An explicit mode is kept as asked.
 */
export function chooseTargetMode(
  requested: TargetMode,
  observed: Float64Array,
  trainEndRow: number,
  season: number | null
): TargetModeChoice {
  if (requested !== 'auto') {
    return {
      mode: requested,
      requested,
      reason: `Target mode ${requested}, as asked.`,
      code: 'target-mode-requested',
      params: { mode: requested }
    }
  }
  const trend = season
    ? trendTest(observed, trainEndRow, season)
    : (suggest(observed, trainEndRow)?.trend ?? null)
  if (!trend) {
    const n = countObserved(observed, trainEndRow)
    return auto('level', {
      reason: `Auto: the training part has too few observed values (${n}) for a trend test; the model learns levels.`,
      code: 'target-mode-auto-untested',
      params: { n }
    })
  }
  if (trend.present) {
    return auto('change', {
      reason: `Auto: ${trend.reason}`,
      code: 'target-mode-auto-trend',
      params: trend.params
    })
  }
  const range = rangeCheck(observed, trainEndRow)
  if (range) {
    const params = {
      tail: range.tail,
      value: fmt(range.value),
      min: fmt(range.min),
      max: fmt(range.max)
    }
    return auto('change', {
      reason: `Auto: the last ${params.tail} training values average ${params.value}, outside the range of the earlier training part (${params.min} to ${params.max}); a model of levels would have to extrapolate, so it learns changes.`,
      code: 'target-mode-auto-range',
      params
    })
  }
  return auto('level', {
    reason: `Auto: ${trend.reason.replace(/no trend found\.$/, 'no trend found')}, and the last training values stay within the earlier range; the model learns levels.`,
    code: 'target-mode-auto-level',
    params: trend.params
  })
}

function auto(
  mode: ResolvedTargetMode,
  why: { reason: string; code: string; params: Record<string, string | number> }
): TargetModeChoice {
  return { mode, requested: 'auto', ...why }
}

/** The mean of the training part's last tenth, when it lies outside the range of the rest. */
export function rangeCheck(
  observed: Float64Array,
  trainEndRow: number
): { tail: number; value: number; min: number; max: number } | null {
  const values: number[] = []
  for (let i = 0; i < Math.min(trainEndRow, observed.length); i++) {
    if (!Number.isNaN(observed[i]!)) values.push(observed[i]!)
  }
  const tail = Math.max(1, Math.floor(values.length * TAIL_SHARE))
  if (values.length - tail < 2) return null
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length - tail; i++) {
    min = Math.min(min, values[i]!)
    max = Math.max(max, values[i]!)
  }
  let sum = 0
  for (let i = values.length - tail; i < values.length; i++) sum += values[i]!
  const value = sum / tail
  return value > max || value < min ? { tail, value, min, max } : null
}

function countObserved(values: Float64Array, end: number): number {
  let n = 0
  for (let i = 0; i < Math.min(end, values.length); i++) if (!Number.isNaN(values[i]!)) n += 1
  return n
}

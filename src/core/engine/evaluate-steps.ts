import type { Metrics, StepEvaluation } from '../../shared/domain'

export function metrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): Metrics {
  const n = actual.length
  let se = 0
  let ae = 0
  for (let i = 0; i < n; i++) {
    const e = predicted[i]! - actual[i]!
    se += e * e
    ae += Math.abs(e)
  }
  const mse = se / n
  return { mse, rmse: Math.sqrt(mse), mae: ae / n }
}

/**
 * The row the seasonal-naive forecast copies for the target `step` rows after
 * the origin `last`: the same season in the last season observed by then,
 * ŷ(T + h) = y(T + h − m(⌊(h − 1)/m⌋ + 1)) (Hyndman & Athanasopoulos, FPP §5.2),
 * so it never looks past the window, whatever the step.
 */
export function seasonalRow(last: number, step: number, season: number): number {
  return last + step - season * (Math.floor((step - 1) / season) + 1)
}

/**
 * MASE's scale: the in-sample MAE of the one-step seasonal-naive forecast
 * (lag m; the naive forecast, lag 1, without a season) over the training
 * rows, pairs with a missing value left out. Null when it is 0 or has no pair.
 */
export function maseScale(
  values: Float64Array,
  trainEndRow: number,
  season?: number
): number | null {
  const m = season ?? 1
  let sum = 0
  let n = 0
  for (let t = m; t < Math.min(trainEndRow, values.length); t++) {
    const d = values[t]! - values[t - m]!
    if (Number.isNaN(d)) continue
    sum += Math.abs(d)
    n += 1
  }
  return n > 0 && sum > 0 ? sum / n : null
}

/** What one step's evaluation is made of, in original units, one value per test window. */
export interface StepSeries {
  step: number
  actual: readonly number[]
  predicted: readonly number[]
  naive: readonly number[]
  /** Null when there is no season, or a value it copies is missing. */
  seasonal: readonly number[] | null
}

export function evaluateStep(s: StepSeries, scale: number | null): StepEvaluation {
  const model = metrics(s.actual, s.predicted)
  return {
    step: s.step,
    model: { ...model, mase: scale === null ? null : model.mae / scale },
    naive: metrics(s.actual, s.naive),
    seasonalNaive: s.seasonal ? metrics(s.actual, s.seasonal) : null
  }
}

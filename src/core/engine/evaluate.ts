import type { Evaluation, Metrics, Predictions } from '../../shared/domain'
import type { PreparedData } from './data/prepare'
import { explainedOutput, toForecast } from './data/output-map'

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
 * Score the model's test predictions (scaled) in original units against the
 * naive forecasts a user could make without a model: the last observed value
 * in the window, and — given a season length s ≥ horizon — the value one
 * season before the target.
 */
export function evaluateTest(
  data: PreparedData,
  scaledPredictions: Float32Array,
  options: { horizon: number; window: number; seasonLength?: number | undefined },
  timeLabel: (row: number) => string
): { evaluation: Evaluation; predictions: Predictions } {
  const { test } = data
  const actual: number[] = []
  const predicted: number[] = []
  const naive: number[] = []
  const seasonal: number[] = []
  const time: string[] = []
  const season = options.seasonLength
  let seasonalComplete = season !== undefined && season >= options.horizon
  for (let i = 0; i < test.n; i++) {
    const targetRow = test.targetRows[i]!
    const lastInputRow = targetRow - options.horizon
    actual.push(data.observedTarget[targetRow]!)
    const lastScaled = test.x[(i * data.steps + data.steps - 1) * data.features]!
    predicted.push(
      toForecast(data.output, explainedOutput(data.output, scaledPredictions[i]!, lastScaled))
    )
    naive.push(data.target[lastInputRow]!)
    time.push(timeLabel(targetRow))
    if (seasonalComplete && season !== undefined) {
      const v = data.target[targetRow - season]
      if (v === undefined || Number.isNaN(v)) seasonalComplete = false
      else seasonal.push(v)
    }
  }
  return {
    evaluation: {
      windows: test.n,
      model: metrics(actual, predicted),
      naive: metrics(actual, naive),
      seasonalNaive: seasonalComplete ? metrics(actual, seasonal) : null
    },
    predictions: { time, actual, predicted, naive }
  }
}

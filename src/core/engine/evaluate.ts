import type { Evaluation, Predictions } from '../../shared/domain'
import { calibrateIntervals } from './conformal'
import type { PreparedData, WindowSet } from './data/prepare'
import { explainedOutput, stepMap, toForecast } from './data/output-map'
import { evaluateStep, maseScale, seasonalRow, type StepSeries } from './evaluate-steps'

export { metrics } from './evaluate-steps'

export interface EvaluateOptions {
  seasonLength?: number | undefined
  /** Levels of the split-conformal intervals (calibrated on the validation windows). */
  intervalLevels?: readonly number[]
}

/**
 * The model's forecasts in original units: forecasts[k][i] for output k
 * (step data.outputSteps[k]) of window i, from its scaled outputs (n × outputs).
 */
export function forecastsOf(data: PreparedData, set: WindowSet, scaled: Float32Array): number[][] {
  const { outputs } = data
  return Array.from({ length: outputs }, (_, k) => {
    const map = stepMap(data.output, outputs > 1 ? k : undefined)
    return Array.from({ length: set.n }, (_, i) => {
      const lastScaled = set.x[(i * data.steps + data.steps - 1) * data.features]!
      return toForecast(map, explainedOutput(map, scaled[i * outputs + k]!, lastScaled))
    })
  })
}

/** |actual − forecast| per output and window. */
function absoluteErrors(data: PreparedData, set: WindowSet, forecasts: number[][]): number[][] {
  return forecasts.map((row, k) =>
    row.map((f, i) => Math.abs(data.observedTarget[rowOf(data, set, i, k)]! - f))
  )
}

/** The table row of output k's target for window i. */
function rowOf(data: PreparedData, set: WindowSet, i: number, k: number): number {
  const last = set.targetRows[i]! - data.outputSteps[data.outputs - 1]!
  return last + data.outputSteps[k]!
}

/**
 * Score the model's test forecasts in original units, step by step, against
 * the forecasts a user could make without a model: the last observed value
 * in the window (naive), and with a season length the same season's last
 * observed value (seasonal naive). Intervals are calibrated on the validation
 * windows' errors and their coverage measured on the test windows.
 */
export function evaluateTest(
  data: PreparedData,
  scaledTest: Float32Array,
  options: EvaluateOptions,
  timeLabel: (row: number) => string,
  scaledValidation: Float32Array = new Float32Array(0)
): { evaluation: Evaluation; predictions: Predictions } {
  const { test } = data
  const season = options.seasonLength
  const forecasts = forecastsOf(data, test, scaledTest)
  const scale = maseScale(data.observedTarget, data.split.trainEndRow, season)
  const series = stepSeries(data, test, forecasts, season)
  const byStep = series.map((s) => evaluateStep(s, scale))
  const atH = byStep[byStep.length - 1]!
  const validationForecasts =
    data.validation.n > 0 ? forecastsOf(data, data.validation, scaledValidation) : []
  const validationSeries = stepSeries(data, data.validation, validationForecasts, season)
  const validationAtH =
    data.validation.n > 0
      ? evaluateStep(validationSeries[validationSeries.length - 1]!, null)
      : null
  const { intervals, notes } = calibrateIntervals(
    options.intervalLevels ?? [],
    data.validation.n > 0 ? absoluteErrors(data, data.validation, validationForecasts) : [],
    absoluteErrors(data, test, forecasts)
  )
  const last = series[series.length - 1]!
  const predictions: Predictions = {
    time: Array.from({ length: test.n }, (_, i) => timeLabel(test.targetRows[i]!)),
    actual: [...last.actual],
    predicted: [...last.predicted],
    naive: [...last.naive]
  }
  return {
    evaluation: {
      windows: test.n,
      model: { mse: atH.model.mse, rmse: atH.model.rmse, mae: atH.model.mae },
      naive: atH.naive,
      seasonalNaive: atH.seasonalNaive,
      ...(validationAtH
        ? {
            validation: {
              windows: data.validation.n,
              model: {
                mse: validationAtH.model.mse,
                rmse: validationAtH.model.rmse,
                mae: validationAtH.model.mae
              },
              naive: validationAtH.naive,
              seasonalNaive: validationAtH.seasonalNaive
            }
          }
        : {}),
      byStep,
      intervals,
      ...(notes.length ? { intervalNotes: notes } : {})
    },
    predictions: data.multiStep ? withPath(data, predictions, forecasts, timeLabel) : predictions
  }
}

/** Per output step: actuals, forecasts, naive and seasonal-naive values of every window in `set`. */
function stepSeries(
  data: PreparedData,
  set: WindowSet,
  forecasts: number[][],
  season: number | undefined
): StepSeries[] {
  return data.outputSteps.map((step, k) => {
    const actual: number[] = []
    const naive: number[] = []
    let seasonal: number[] | null = season === undefined ? null : []
    for (let i = 0; i < set.n; i++) {
      const row = rowOf(data, set, i, k)
      const last = row - step
      actual.push(data.observedTarget[row]!)
      naive.push(data.target[last]!)
      if (seasonal && season !== undefined) {
        const v = data.target[seasonalRow(last, step, season)]
        if (v === undefined || Number.isNaN(v)) seasonal = null
        else seasonal.push(v)
      }
    }
    return { step, actual, predicted: forecasts[k] ?? [], naive, seasonal }
  })
}

/** The test windows' whole paths, for a multi-step model. */
function withPath(
  data: PreparedData,
  predictions: Predictions,
  forecasts: number[][],
  timeLabel: (row: number) => string
): Predictions {
  const { test, outputs } = data
  const rows = (i: number): number[] =>
    Array.from({ length: outputs }, (_, k) => rowOf(data, test, i, k))
  return {
    ...predictions,
    steps: outputs,
    path: Array.from({ length: test.n }, (_, i) => forecasts.map((row) => row[i]!)),
    pathTime: Array.from({ length: test.n }, (_, i) => rows(i).map(timeLabel)),
    pathActual: Array.from({ length: test.n }, (_, i) =>
      rows(i).map((r) => data.observedTarget[r]!)
    )
  }
}

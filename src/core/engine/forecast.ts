import type { Forecast, ForecastStep } from '../../shared/domain'
import { UserFacingError } from '../errors'
import { explainedOutput, stepMap, toForecast } from './data/output-map'
import { scaleValue } from './data/scaler'
import type { LoadedRun } from './explain/explain-run'
import { predictAllFor } from './explain/model-fns'
import { intervalsAround } from './explain/explained-step'
import { timeLabel, type Table } from './data/table'

/**
 * The forecast a user trains for: from the last T rows of the data, the target
 * h steps after the end of the file, in original units — every step 1..H for
 * a multi-step model — each with the run's calibrated intervals.
 */
export async function forecastLatest(loaded: LoadedRun): Promise<Forecast> {
  const { data, model, run, table } = loaded
  const { steps, features } = data
  const first = table.rows - steps
  const window = new Float32Array(steps * features)
  for (let t = 0; t < steps; t++) {
    for (let f = 0; f < features; f++) {
      const v = data.inputs[f]![first + t]!
      if (Number.isNaN(v)) {
        throw new UserFacingError(
          'gap-in-latest-window',
          `The last ${steps} rows of ${table.name} have a gap in "${data.columns[f]}" at ${timeLabel(table, first + t)}; fill it (forward fill or interpolation) or shorten the window.`,
          { file: table.name, column: data.columns[f]! }
        )
      }
      window[t * features + f] = scaleValue(data.scaler, f, v)
    }
  }
  const outputs = await predictAllFor(model, steps, features, loaded.kernels)(window, 1)
  const lastScaled = window[(steps - 1) * features]!
  const path: ForecastStep[] = data.outputSteps.map((step, k) => {
    const map = stepMap(data.output, data.outputs > 1 ? k : undefined)
    const value = toForecast(map, explainedOutput(map, outputs[k]!, lastScaled))
    return {
      step,
      targetTime: stepForward(table, step),
      value,
      intervals: intervalsAround(run.evaluation?.intervals, value, k).intervals ?? []
    }
  })
  const atH = path[path.length - 1]!
  return {
    runId: run.id,
    windowStart: timeLabel(table, first),
    windowEnd: timeLabel(table, table.rows - 1),
    horizon: run.data.horizon,
    targetTime: atH.targetTime,
    value: atH.value,
    intervals: atH.intervals,
    ...(data.multiStep ? { path } : {})
  }
}

/**
 * The time h steps after the last row: calendar months when the series is on
 * a fixed day of the month (monthly, quarterly, yearly data), else the last
 * step's length. Row numbers when there is no time column.
 */
export function stepForward(table: Table, h: number): string {
  const n = table.rows
  if (!table.time || n < 2) return String(n - 1 + h)
  const last = new Date(table.time[n - 1]!)
  const prev = new Date(table.time[n - 2]!)
  const months =
    (last.getUTCFullYear() - prev.getUTCFullYear()) * 12 + (last.getUTCMonth() - prev.getUTCMonth())
  let ms: number
  if (last.getUTCDate() === prev.getUTCDate() && months > 0 && !table.timeHasClock) {
    const d = new Date(last)
    d.setUTCMonth(d.getUTCMonth() + months * h)
    ms = d.getTime()
  } else {
    ms = last.getTime() + (last.getTime() - prev.getTime()) * h
  }
  const iso = new Date(ms).toISOString()
  return table.timeHasClock ? iso : iso.slice(0, 10)
}

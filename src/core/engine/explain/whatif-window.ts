/**
 * What the what-if, counterfactual and sensitivity jobs share: a test window
 * in original units, each feature's training range, and the forecast of
 * windows given in original units — scaled here, so callers never see the
 * model's units.
 */
import type { GradFn, PredictFn } from '../../../explain'
import type { WindowValues } from '../../../shared/whatif'
import { UserFacingError } from '../../errors'
import { explainedMap } from '../data/output-map'
import { scaleValue } from '../data/scaler'
import { timeLabel } from '../data/table'
import type { LoadedRun } from './explain-run'
import { gradFnFor, predictFnFor } from './model-fns'

export interface OriginalWindow {
  readonly values: WindowValues
  readonly time: string[]
}

/** Test window `index` as the data holds it (original units, before any scaling). */
export function originalWindow({ data, run, table }: LoadedRun, index: number): OriginalWindow {
  if (index >= data.test.n) {
    throw new UserFacingError(
      'bad-index',
      `Test window ${index} does not exist: this run has ${data.test.n} test windows (0–${data.test.n - 1}).`
    )
  }
  const firstRow = data.test.targetRows[index]! - run.data.horizon - data.steps + 1
  const rows = Array.from({ length: data.steps }, (_, t) => firstRow + t)
  return {
    values: rows.map((r) => data.inputs.map((column) => column[r]!)),
    time: rows.map((r) => timeLabel(table, r))
  }
}

/** [min, max] of each input column over the training rows (missing values ignored). */
export function trainingRanges({ data }: LoadedRun): [number, number][] {
  return data.inputs.map((column) => {
    let min = Infinity
    let max = -Infinity
    for (let r = 0; r < data.split.trainEndRow; r++) {
      const v = column[r]!
      if (Number.isNaN(v)) continue
      if (v < min) min = v
      if (v > max) max = v
    }
    return min <= max ? [min, max] : [0, 0]
  })
}

/** Column index of a feature name, or a message listing the names there are. */
export function featureIndex({ data }: LoadedRun, name: string): number {
  const i = data.columns.indexOf(name)
  if (i < 0) {
    throw new UserFacingError(
      'unknown-feature',
      `No input column "${name}": this run's inputs are ${data.columns.join(', ')}.`,
      { column: name, params: { inputs: data.columns.join(', ') } }
    )
  }
  return i
}

export function checkStep({ data }: LoadedRun, step: number): void {
  if (!Number.isInteger(step) || step < 0 || step >= data.steps) {
    throw new UserFacingError(
      'bad-step',
      `Step ${step} is outside the window: steps are 0 (oldest) to ${data.steps - 1} (latest).`,
      { params: { step, last: data.steps - 1 } }
    )
  }
}

/** The run's model in scaled units (forecast quantity), and the maps to and from original units. */
export interface RunModel {
  readonly predict: PredictFn
  readonly gradient: GradFn
  /** Original-unit windows → one Float32 batch in the model's units. */
  scale(windows: readonly WindowValues[]): Float32Array
  /** A scaled cell value back in original units. */
  unscale(feature: number, value: number): number
  /** Model output (g) ↔ forecast in the target's units. */
  toForecast(g: number): number
  fromForecast(forecast: number): number
  /** Forecasts of windows in original units. */
  forecast(windows: readonly WindowValues[]): Promise<number[]>
}

export function runModel(loaded: LoadedRun): RunModel {
  const { data, model, kernels } = loaded
  const { steps, features, scaler } = data
  const map = explainedMap(data.output, 'forecast')
  const predict = predictFnFor(model, steps, features, kernels, map.lastValueWeight)
  const gradient = gradFnFor(model, steps, features, map.lastValueWeight)
  const size = steps * features
  const scale = (windows: readonly WindowValues[]): Float32Array => {
    const batch = new Float32Array(windows.length * size)
    windows.forEach((w, i) =>
      w.forEach((row, t) =>
        row.forEach((v, f) => (batch[i * size + t * features + f] = scaleValue(scaler, f, v)))
      )
    )
    return batch
  }
  const out = data.output
  return {
    predict,
    gradient,
    scale,
    unscale: (f, v) => v * scaler.columns[f]!.scale + scaler.columns[f]!.shift,
    toForecast: map.toUnits,
    fromForecast: (y) => (y - out.offset) / out.scale,
    forecast: async (windows) =>
      Array.from(await predict(scale(windows), windows.length), (g) => map.toUnits(g))
  }
}

import type { DataConfig } from '../../../shared/data-config'
import type { SplitInfo, TargetModeChoice } from '../../../shared/domain'
import { partOfRow, splitEndRows, type SplitFractions } from '../../../shared/split'
import { UserFacingError } from '../../errors'
import { applyMissingPolicy } from './missing'
import { fitOutputMap, labelOf, type OutputMap } from './output-map'
import { quoteText } from './limits'
import { fitScaler, scaleValue, type ScalerParams } from './scaler'
import { getColumn, timeLabel, type Table } from './table'
import { chooseTargetMode } from './target-mode'

/** One part of the supervised data: n windows of [steps, features], scaled. */
export interface WindowSet {
  readonly n: number
  /** n × steps × features, row-major. */
  readonly x: Float32Array
  /** n × outputs targets, scaled (one per forecast step). */
  readonly y: Float32Array
  /** Targets per window: H for a multi-step model, else 1. */
  readonly outputs: number
  /** Table row of each window's target at step H (the horizon). */
  readonly targetRows: Int32Array
}

export interface PreparedData {
  readonly steps: number
  readonly features: number
  /** Input columns in model order: the target first, then the covariates. */
  readonly columns: readonly string[]
  readonly scaler: ScalerParams
  /** How model outputs become forecasts (and labels are made). */
  readonly output: OutputMap
  /** Whether the model predicts every step 1..H (a path), even when H = 1. */
  readonly multiStep: boolean
  /** Model outputs per window, and the step (1-based, ahead of the window's last row) of each. */
  readonly outputs: number
  readonly outputSteps: readonly number[]
  /** The target mode trained on, and why (decided here for 'auto'). */
  readonly targetModeChoice: TargetModeChoice
  readonly train: WindowSet
  readonly validation: WindowSet
  readonly test: WindowSet
  readonly split: SplitInfo
  /** The target column in original units after the missing-value policy (NaN = missing). */
  readonly target: Float64Array
  /** Every input column in original units after the missing-value policy, in model order. */
  readonly inputs: readonly Float64Array[]
  /** The target column as observed (labels are never filled in). */
  readonly observedTarget: Float64Array
}

/**
 * Turn a table into windows. Window s covers rows [s, s + T) and predicts the
 * target at row s + T − 1 + h (every h in 1..H for a multi-step model, else
 * h = H). Rows are split chronologically and each window
 * belongs to the part that holds its target row, so no test value is ever a
 * training label; the scaler is fitted on training rows only.
 */
export function prepareData(table: Table, config: DataConfig): PreparedData {
  const columns = [config.target, ...config.features.filter((f) => f !== config.target)]
  const raw = columns.map((name) => requireNumericColumn(table, name))
  const filled = raw.map((values) => applyMissingPolicy(values, config.missing))
  const steps = config.window
  const features = columns.length
  const rows = table.rows
  const { trainEndRow, validationEndRow } = splitEndRows(rows, config.split)

  const span = steps + config.horizon
  if (rows < span) {
    throw new UserFacingError(
      'too-few-rows',
      `${table.name}, column ${quoteText(config.target)}: ${rows} rows (lines ${table.lines[0]}–${table.lines[rows - 1]}) are fewer than window (${steps}) + horizon (${config.horizon}). Use a shorter window or horizon.`,
      {
        file: table.name,
        row: table.lines[rows - 1]!,
        column: config.target,
        params: { rows, window: steps, horizon: config.horizon }
      }
    )
  }
  const scaler = fitScaler(
    config.scaling,
    columns.map((name, i) => ({ name, values: filled[i]! })),
    trainEndRow
  )

  const observed = raw[0]!
  const {
    train: trainStarts,
    validation: validationStarts,
    test: testStarts,
    skipped
  } = windowStarts(filled, observed, steps, config.horizon, config.split, config.multiStep)
  if (trainStarts.length === 0) {
    throw new UserFacingError(
      'no-training-windows',
      `No complete training windows: the first ${Math.round(config.split.train * 100)}% of ${table.name} has no stretch of ${span} rows without gaps in ${columns.join(', ')}. Try a shorter window, or fill gaps (forward fill / interpolate).`,
      {
        file: table.name,
        params: {
          trainPct: Math.round(config.split.train * 100),
          span,
          columns: columns.join(', ')
        }
      }
    )
  }
  if (testStarts.length === 0) {
    throw new UserFacingError(
      'no-test-windows',
      `No complete test windows in the last ${Math.round(config.split.test * 100)}% of ${table.name}. Use a larger test share or a shorter window.`,
      { file: table.name, params: { testPct: Math.round(config.split.test * 100) } }
    )
  }

  const lastRowOf = (s: number): number => s + steps - 1
  const choice = chooseTargetMode(
    config.targetMode,
    observed,
    trainEndRow,
    config.seasonLength ?? null
  )
  const outputSteps = outputStepsOf(config)
  const outputs = outputSteps.length
  const trainingLabels =
    choice.mode === 'change'
      ? outputSteps.map((h) =>
          trainStarts.map((s) => observed[lastRowOf(s) + h]! - filled[0]![lastRowOf(s)]!)
        )
      : []
  const output = fitOutputMap(choice.mode, config.scaling, scaler, trainingLabels, outputs)

  const build = (starts: number[]): WindowSet => {
    const n = starts.length
    const x = new Float32Array(n * steps * features)
    const y = new Float32Array(n * outputs)
    const targetRows = new Int32Array(n)
    for (let w = 0; w < n; w++) {
      const s = starts[w]!
      for (let t = 0; t < steps; t++) {
        for (let f = 0; f < features; f++) {
          x[(w * steps + t) * features + f] = scaleValue(scaler, f, filled[f]![s + t]!)
        }
      }
      targetRows[w] = lastRowOf(s) + config.horizon
      const last = filled[0]![lastRowOf(s)]!
      for (let k = 0; k < outputs; k++) {
        const index = outputs > 1 ? k : undefined
        y[w * outputs + k] = labelOf(output, observed[lastRowOf(s) + outputSteps[k]!]!, last, index)
      }
    }
    return { n, x, y, outputs, targetRows }
  }

  return {
    steps,
    features,
    columns,
    scaler,
    output,
    multiStep: config.multiStep,
    outputs,
    outputSteps,
    targetModeChoice: choice,
    train: build(trainStarts),
    validation: build(validationStarts),
    test: build(testStarts),
    target: filled[0]!,
    inputs: filled,
    observedTarget: observed,
    split: {
      trainEndRow,
      validationEndRow,
      rows,
      trainWindows: trainStarts.length,
      validationWindows: validationStarts.length,
      testWindows: testStarts.length,
      skippedWindows: skipped,
      trainEndTime: table.time ? timeLabel(table, trainEndRow) : null,
      validationEndTime: table.time ? timeLabel(table, validationEndRow) : null
    }
  }
}

export interface WindowStarts {
  readonly train: number[]
  readonly validation: number[]
  readonly test: number[]
  /** Windows dropped because an input touches a gap or the label is missing. */
  readonly skipped: number
}

/**
 * The windows that exist and the part each belongs to (the part holding its
 * target row). Training and the Data view's per-policy counts both use this.
 */
export function windowStarts(
  filled: readonly Float64Array[],
  observed: Float64Array,
  steps: number,
  horizon: number,
  split: SplitFractions,
  multiStep = false
): WindowStarts {
  const rows = observed.length
  const ends = splitEndRows(rows, split)
  const out: WindowStarts = { train: [], validation: [], test: [], skipped: 0 }
  let skipped = 0
  const gaps = gapPrefix(filled, rows)
  // missingLabels[i] = rows before i without an observed target: a multi-step window's labels in O(1).
  const missingLabels = new Int32Array(rows + 1)
  for (let i = 0; i < rows; i++) {
    missingLabels[i + 1] = missingLabels[i]! + (Number.isNaN(observed[i]!) ? 1 : 0)
  }
  for (let s = 0; s + steps + horizon <= rows; s++) {
    const targetRow = s + steps - 1 + horizon
    const labelsMissing = multiStep
      ? missingLabels[targetRow + 1]! !== missingLabels[s + steps]!
      : Number.isNaN(observed[targetRow]!)
    // Rows [s, s + steps) hold a gap in some input when the running count of gaps grows across them.
    if (gaps[s + steps]! !== gaps[s]! || labelsMissing) {
      skipped += 1
      continue
    }
    out[partOfRow(targetRow, ends)].push(s)
  }
  return { ...out, skipped }
}

/** The step (1-based) of each model output: 1..H for a multi-step model, else H alone. */
export function outputStepsOf(config: { horizon: number; multiStep: boolean }): number[] {
  return config.multiStep
    ? Array.from({ length: config.horizon }, (_, k) => k + 1)
    : [config.horizon]
}

/** gaps[i] = rows before i where some input is missing: a window's gaps in O(1). */
function gapPrefix(columns: readonly Float64Array[], rows: number): Int32Array {
  const gaps = new Int32Array(rows + 1)
  for (let i = 0; i < rows; i++) {
    let missing = false
    for (const values of columns) if (Number.isNaN(values[i]!)) missing = true
    gaps[i + 1] = gaps[i]! + (missing ? 1 : 0)
  }
  return gaps
}

function requireNumericColumn(table: Table, name: string): Float64Array {
  const column = getColumn(table, name)
  if (!column) {
    const known = table.columns.map((c) => c.name).join(', ')
    throw new UserFacingError(
      'unknown-column',
      `${table.name} has no column "${name}"${name === table.timeColumn ? ' (it is the time column)' : ''}. Columns: ${known}.`,
      { file: table.name, column: name }
    )
  }
  if (!column.numeric) {
    const where = column.firstBad
    throw new UserFacingError(
      'non-numeric',
      where
        ? `${table.name}, line ${where.line}, column ${quoteText(name)}: ${quoteText(where.text)} is not a number.`
        : `${table.name}, lines ${table.lines[0]}–${table.lines[table.rows - 1]}, column ${quoteText(name)}: every cell is empty, so it cannot be the target or an input.`,
      { file: table.name, column: name, row: where ? where.line : table.lines[0]! }
    )
  }
  return column.values
}

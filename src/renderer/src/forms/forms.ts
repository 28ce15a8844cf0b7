/**
 * The Data and Model forms: their state, how they become contract configs,
 * and their validation. Numeric limits come from the contract's zod schemas
 * (field-limits.ts); messages are i18n keys, so the forms show them in the
 * user's language. The schemas remain the final check in main.
 */
import type { DataConfigInput, MissingPolicy, Scaling, TargetMode } from '@shared/data-config'
import { DEFAULT_INTERVAL_LEVELS } from '@shared/data-config'
import type { DatasetSummary, RunSummary } from '@shared/domain'
import type { CellType, KernelChoice, ModelConfig, ModelConfigInput } from '@shared/model-config'
import { REFERENCE_MODEL } from '@shared/model-config'
import { SAMPLE_DATASET } from '@shared/sample'
import { splitEndRows } from '@shared/split'
import type { FieldMessage, NumberInput } from './field-limits'
import { asNumber, DATA_LIMITS, finite, limitMessage, MODEL_LIMITS } from './field-limits'

export type { FieldMessage, NumberInput } from './field-limits'

export interface DataForm {
  /** null: no time column (row numbers label the axis). */
  timeColumn: string | null
  target: string
  features: string[]
  window: NumberInput
  horizon: NumberInput
  /** Percent of rows for training and validation; test is the rest. */
  trainPct: NumberInput
  validationPct: NumberInput
  scaling: Scaling
  missing: MissingPolicy
  targetMode: TargetMode
  /** Optional: '' for none. */
  seasonLength: NumberInput
  /** Predict every step 1..horizon (one output per step). */
  multiStep: boolean
  /** Prediction-interval levels in percent, narrowest first; '' leaves a level out. */
  intervalPcts: NumberInput[]
}

export interface ModelForm {
  cell: CellType
  layers: NumberInput
  units: NumberInput
  dropout: NumberInput
  learningRate: NumberInput
  epochs: NumberInput
  batchSize: NumberInput
  earlyStopping: boolean
  patience: NumberInput
  restoreBestWeights: boolean
  seed: NumberInput
  kernels: KernelChoice
}

export type FieldErrors<K extends string> = Partial<Record<K, FieldMessage>>

export type DataField =
  | 'target'
  | 'features'
  | 'window'
  | 'horizon'
  | 'trainPct'
  | 'validationPct'
  | 'testPct'
  | 'seasonLength'
  | `intervalPct${number}`
export type ModelField =
  'layers' | 'units' | 'dropout' | 'learningRate' | 'epochs' | 'batchSize' | 'patience' | 'seed'

export function numericColumns(dataset: DatasetSummary): string[] {
  return dataset.columns
    .filter((c) => c.numeric && c.name !== dataset.timeColumn)
    .map((c) => c.name)
}

/** Sensible first settings for a dataset: the suggested task for the sample, generic ones otherwise. */
export function defaultDataForm(dataset: DatasetSummary): DataForm {
  const numeric = numericColumns(dataset)
  const isSample =
    dataset.name === SAMPLE_DATASET.name || dataset.path.endsWith(SAMPLE_DATASET.file)
  const suggested = SAMPLE_DATASET.suggested
  const target =
    isSample && numeric.includes(suggested.target) ? suggested.target : (numeric[0] ?? '')
  const window = isSample
    ? suggested.window
    : Math.max(1, Math.min(60, Math.floor(dataset.rows / 10)))
  return {
    timeColumn: dataset.timeColumn,
    target,
    features: [],
    window,
    horizon: isSample ? suggested.horizon : 1,
    trainPct: 70,
    validationPct: 15,
    scaling: 'standard',
    missing: isSample ? suggested.missing : 'skip',
    // The engine decides between level and change from the training part (its reason is shown).
    targetMode: isSample ? suggested.targetMode : 'auto',
    seasonLength: isSample ? suggested.seasonLength : '',
    multiStep: false,
    intervalPcts: DEFAULT_INTERVAL_LEVELS.map(toPct)
  }
}

/** Every data setting of a past run (its dataset is `dataset`), to train again. */
export function dataFormFrom(run: RunSummary, dataset: DatasetSummary): DataForm {
  const d = run.data
  return {
    timeColumn: d.timeColumn === undefined ? dataset.timeColumn : d.timeColumn,
    target: d.target,
    features: [...d.features],
    window: d.window,
    horizon: d.horizon,
    trainPct: Math.round(d.split.train * 1e6) / 1e4,
    validationPct: Math.round(d.split.validation * 1e6) / 1e4,
    scaling: d.scaling,
    missing: d.missing,
    // What the user asked for ('auto' stays auto), not what it resolved to.
    targetMode: run.targetModeChoice?.requested ?? d.targetMode,
    seasonLength: d.seasonLength ?? '',
    multiStep: d.multiStep,
    intervalPcts: d.intervalLevels.map(toPct)
  }
}

/** A share of 1 as the form's percentage, without float noise (0.95 → 95). */
function toPct(share: number): number {
  return Math.round(share * 1e6) / 1e4
}

export function modelFormFrom(config: ModelConfig): ModelForm {
  return {
    cell: config.cell,
    layers: config.layers,
    units: config.units,
    dropout: config.dropout,
    learningRate: config.learningRate,
    epochs: config.epochs,
    batchSize: config.batchSize,
    earlyStopping: config.earlyStopping.enabled,
    patience: config.earlyStopping.patience,
    restoreBestWeights: config.earlyStopping.restoreBestWeights,
    seed: config.seed,
    kernels: config.kernels
  }
}

export function referenceModelForm(): ModelForm {
  return modelFormFrom(REFERENCE_MODEL)
}

export function testPct(form: Pick<DataForm, 'trainPct' | 'validationPct'>): number {
  const train = finite(form.trainPct) ?? 0
  const validation = finite(form.validationPct) ?? 0
  return Math.round((100 - train - validation) * 100) / 100
}

/** A validation part of 0 %: no validation loss to watch or draw. */
export function hasValidationPart(form: Pick<DataForm, 'validationPct'> | null): boolean {
  return form === null || (finite(form.validationPct) ?? 1) > 0
}

export function validateDataForm(
  form: DataForm,
  dataset: DatasetSummary | null
): FieldErrors<DataField> {
  const errors: FieldErrors<DataField> = {}
  const numeric = dataset ? numericColumns(dataset) : []
  if (form.target === '') errors.target = { key: 'validation.chooseTarget' }
  else if (dataset && !numeric.includes(form.target)) {
    errors.target = { key: 'validation.notNumeric', params: { column: form.target } }
  }
  const badFeature = form.features.find((f) => f === form.target || !numeric.includes(f))
  if (dataset && badFeature !== undefined) {
    errors.features = { key: 'validation.badFeature', params: { column: badFeature } }
  }
  const checks: [DataField, FieldMessage | undefined][] = [
    ['window', limitMessage(form.window, DATA_LIMITS.window)],
    ['horizon', limitMessage(form.horizon, DATA_LIMITS.horizon)],
    ['trainPct', limitMessage(form.trainPct, DATA_LIMITS.trainPct)],
    ['validationPct', limitMessage(form.validationPct, DATA_LIMITS.validationPct)],
    ['seasonLength', limitMessage(form.seasonLength, DATA_LIMITS.seasonLength, true)]
  ]
  for (const [field, message] of checks) if (message) errors[field] = message
  Object.assign(errors, intervalErrors(form.intervalPcts))
  if (!errors.trainPct && !errors.validationPct && testPct(form) <= 0) {
    errors.testPct = { key: 'validation.noTest' }
  }

  // Each part must hold at least one whole window plus its horizon, in the rows the engine gives it.
  if (!errors.window && !errors.horizon && !errors.trainPct && !errors.testPct && dataset) {
    const rows = dataset.rows
    const span = asNumber(form.window) + asNumber(form.horizon)
    const { trainEndRow, validationEndRow } = splitEndRows(rows, toSplit(form))
    const testRows = rows - validationEndRow
    const trainRows = trainEndRow
    if (span > trainRows) {
      errors.window = {
        key: 'validation.windowTooLong',
        params: { rows: trainRows, part: 'train' }
      }
    } else if (span > testRows) {
      errors.window = { key: 'validation.windowTooLong', params: { rows: testRows, part: 'test' } }
    }
  }
  return errors
}

/** Each level within the schema's limits, and each wider than the one before it. */
function intervalErrors(pcts: readonly NumberInput[]): FieldErrors<DataField> {
  const errors: FieldErrors<DataField> = {}
  let previous = -Infinity
  pcts.forEach((pct, i) => {
    const message = limitMessage(pct, DATA_LIMITS.intervalPct, true)
    if (message) errors[`intervalPct${i}`] = message
    else if (pct !== '') {
      const value = asNumber(pct)
      if (value <= previous) errors[`intervalPct${i}`] = { key: 'forecast.settings.intervalsOrder' }
      previous = value
    }
  })
  return errors
}

export function validateModelForm(form: ModelForm): FieldErrors<ModelField> {
  const errors: FieldErrors<ModelField> = {}
  const fields = [
    'layers',
    'units',
    'dropout',
    'learningRate',
    'epochs',
    'batchSize',
    'seed'
  ] as const
  for (const field of fields) {
    const message = limitMessage(form[field], MODEL_LIMITS[field])
    if (message) errors[field] = message
  }
  // Patience matters only when early stopping is on.
  const patience = form.earlyStopping
    ? limitMessage(form.patience, MODEL_LIMITS.patience)
    : undefined
  if (patience) errors.patience = patience
  return errors
}

export function hasErrors(errors: Record<string, unknown>): boolean {
  return Object.values(errors).some((value) => value !== undefined)
}

/** The split as the contract states it (shares of 1), from the form's percentages. */
function toSplit(form: DataForm): { train: number; validation: number; test: number } {
  const train = asNumber(form.trainPct) / 100
  const validation = asNumber(form.validationPct) / 100
  return { train, validation, test: Math.round((1 - train - validation) * 1e6) / 1e6 }
}

/** Only call on a form that validated. */
export function toDataConfig(form: DataForm): DataConfigInput {
  return {
    target: form.target,
    features: form.features.filter((f) => f !== form.target),
    window: asNumber(form.window),
    horizon: asNumber(form.horizon),
    split: toSplit(form),
    scaling: form.scaling,
    missing: form.missing,
    targetMode: form.targetMode,
    multiStep: form.multiStep,
    intervalLevels: form.intervalPcts
      .filter((pct) => pct !== '')
      .map((pct) => Math.round(asNumber(pct) * 1e4) / 1e6),
    ...(form.seasonLength === '' ? {} : { seasonLength: asNumber(form.seasonLength) })
  }
}

/** Only call on a form that validated. */
export function toModelConfig(form: ModelForm): ModelConfigInput {
  const patience = finite(form.patience)
  return {
    cell: form.cell,
    layers: asNumber(form.layers),
    units: asNumber(form.units),
    dropout: asNumber(form.dropout),
    learningRate: asNumber(form.learningRate),
    epochs: asNumber(form.epochs),
    batchSize: asNumber(form.batchSize),
    earlyStopping: {
      enabled: form.earlyStopping,
      patience: patience !== null && Number.isInteger(patience) ? patience : 10,
      restoreBestWeights: form.restoreBestWeights
    },
    seed: asNumber(form.seed),
    kernels: form.kernels
  }
}

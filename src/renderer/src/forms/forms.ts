/**
 * The Data and Model forms: their state, how they become contract configs,
 * and their validation. Messages are i18n keys, so the forms show them in the
 * user's language; the contract's zod schemas remain the final check in main.
 */
import type { DataConfigInput, MissingPolicy, Scaling, TargetMode } from '@shared/data-config'
import type { DatasetSummary } from '@shared/domain'
import type { CellType, KernelChoice, ModelConfig, ModelConfigInput } from '@shared/model-config'
import { REFERENCE_MODEL } from '@shared/model-config'
import { SAMPLE_DATASET } from '@shared/sample'

export interface DataForm {
  /** null: no time column (row numbers label the axis). */
  timeColumn: string | null
  target: string
  features: string[]
  window: number | ''
  horizon: number | ''
  /** Percent of rows for training and validation; test is the rest. */
  trainPct: number | ''
  validationPct: number | ''
  scaling: Scaling
  missing: MissingPolicy
  targetMode: TargetMode
  seasonLength: number | ''
}

export interface ModelForm {
  cell: CellType
  layers: number | ''
  units: number | ''
  dropout: number | ''
  learningRate: number | ''
  epochs: number | ''
  batchSize: number | ''
  earlyStopping: boolean
  patience: number | ''
  restoreBestWeights: boolean
  seed: number | ''
  kernels: KernelChoice
}

/** A validation message: an i18n key and its parameters. */
export interface FieldMessage {
  key: string
  params?: Record<string, number | string>
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
    targetMode: isSample ? suggested.targetMode : 'level',
    seasonLength: isSample ? suggested.seasonLength : ''
  }
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

function isInt(value: number | ''): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

function isNum(value: number | ''): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

function intIn(
  value: number | '',
  min: number,
  max: number,
  optional = false
): FieldMessage | undefined {
  if (value === '' && optional) return undefined
  if (!isInt(value)) return { key: 'validation.integer' }
  if (value < min || value > max) return { key: 'validation.range', params: { min, max } }
  return undefined
}

export function testPct(form: Pick<DataForm, 'trainPct' | 'validationPct'>): number {
  const train = isNum(form.trainPct) ? form.trainPct : 0
  const validation = isNum(form.validationPct) ? form.validationPct : 0
  return Math.round((100 - train - validation) * 100) / 100
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
  const rows = dataset?.rows ?? 10_000
  const windowError = intIn(form.window, 1, 10_000)
  if (windowError) errors.window = windowError
  const horizonError = intIn(form.horizon, 1, 10_000)
  if (horizonError) errors.horizon = horizonError

  if (!isNum(form.trainPct) || form.trainPct <= 0 || form.trainPct >= 100) {
    errors.trainPct = { key: 'validation.percent', params: { min: 1, max: 99 } }
  }
  if (!isNum(form.validationPct) || form.validationPct < 0 || form.validationPct >= 100) {
    errors.validationPct = { key: 'validation.percent', params: { min: 0, max: 99 } }
  }
  if (!errors.trainPct && !errors.validationPct && testPct(form) <= 0) {
    errors.testPct = { key: 'validation.noTest' }
  }
  const seasonError = intIn(form.seasonLength, 1, 100_000, true)
  if (seasonError) errors.seasonLength = seasonError

  // Each part must hold at least one whole window plus its horizon.
  if (!errors.window && !errors.horizon && !errors.trainPct && !errors.testPct && dataset) {
    const span = (form.window as number) + (form.horizon as number)
    const testRows = Math.floor((rows * testPct(form)) / 100)
    const trainRows = Math.floor((rows * (form.trainPct as number)) / 100)
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

export function validateModelForm(form: ModelForm): FieldErrors<ModelField> {
  const errors: FieldErrors<ModelField> = {}
  const checks: [ModelField, FieldMessage | undefined][] = [
    ['layers', intIn(form.layers, 1, 8)],
    ['units', intIn(form.units, 1, 1024)],
    ['epochs', intIn(form.epochs, 1, 100_000)],
    ['batchSize', intIn(form.batchSize, 1, 65_536)],
    ['seed', intIn(form.seed, 0, 2 ** 31 - 1)],
    ['patience', form.earlyStopping ? intIn(form.patience, 1, 1000) : undefined]
  ]
  for (const [field, message] of checks) if (message) errors[field] = message
  if (!isNum(form.dropout) || form.dropout < 0 || form.dropout > 0.9) {
    errors.dropout = { key: 'validation.rangeDecimal', params: { min: 0, max: 0.9 } }
  }
  if (!isNum(form.learningRate) || form.learningRate <= 0 || form.learningRate > 1) {
    errors.learningRate = { key: 'validation.learningRate' }
  }
  return errors
}

export function hasErrors(errors: Record<string, unknown>): boolean {
  return Object.values(errors).some((value) => value !== undefined)
}

/** Only call on a form that validated. */
export function toDataConfig(form: DataForm): DataConfigInput {
  const train = (form.trainPct as number) / 100
  const validation = (form.validationPct as number) / 100
  return {
    target: form.target,
    features: form.features.filter((f) => f !== form.target),
    window: form.window as number,
    horizon: form.horizon as number,
    split: { train, validation, test: Math.round((1 - train - validation) * 1e6) / 1e6 },
    scaling: form.scaling,
    missing: form.missing,
    targetMode: form.targetMode,
    ...(form.seasonLength === '' ? {} : { seasonLength: form.seasonLength })
  }
}

/** Only call on a form that validated. */
export function toModelConfig(form: ModelForm): ModelConfigInput {
  return {
    cell: form.cell,
    layers: form.layers as number,
    units: form.units as number,
    dropout: form.dropout as number,
    learningRate: form.learningRate as number,
    epochs: form.epochs as number,
    batchSize: form.batchSize as number,
    earlyStopping: {
      enabled: form.earlyStopping,
      patience: isInt(form.patience) ? form.patience : 10,
      restoreBestWeights: form.restoreBestWeights
    },
    seed: form.seed as number,
    kernels: form.kernels
  }
}

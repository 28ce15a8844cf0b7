/**
 * The Explain settings form: its fields, defaults, validation (ranges from the
 * zod job schemas' limits) and the job it turns into.
 */
import type {
  BaselineChoice,
  ExplainedQuantity,
  ExplainJobInput,
  ExplainLevel,
  ExplainMethod,
  ExplanationRecord
} from '@shared/explanation'
import { ExplainJobSchema, GlobalJobSchema } from '@shared/explanation'
import { numberLimits } from '@shared/number-limits'

export interface ExplainForm {
  /** 'change' only for models trained on changes: leaves out the last value's share. */
  quantity: ExplainedQuantity
  method: ExplainMethod
  level: ExplainLevel
  baseline: BaselineChoice
  backgroundSize: number | ''
  /** Empty: the method's default. */
  samples: number | ''
  seed: number | ''
  checks: boolean
  randomisation: boolean
  /** The step of a multi-step model's path (1-based); '' = the horizon. */
  step: number | ''
}

export interface GlobalForm {
  windows: number | ''
}

export type FieldName = 'samples' | 'seed' | 'backgroundSize' | 'windows'

export function defaultForm(): ExplainForm {
  return {
    quantity: 'forecast',
    method: 'kernelshap',
    level: 'time',
    baseline: 'mean',
    backgroundSize: 20,
    samples: '',
    seed: 42,
    checks: true,
    randomisation: false,
    step: ''
  }
}

/** Which methods take a sample budget. */
export function usesSamples(method: ExplainMethod): boolean {
  return method === 'kernelshap' || method === 'timeshap' || method === 'lime' || method === 'ig'
}

/** Each field's bounds, read once from the job schemas the engine validates with. */
const LIMITS = {
  samples: numberLimits(ExplainJobSchema.shape.samples),
  seed: numberLimits(ExplainJobSchema.shape.seed),
  backgroundSize: numberLimits(ExplainJobSchema.shape.backgroundSize),
  windows: numberLimits(GlobalJobSchema.shape.windows)
}

type Range = { min: number; max: number }

function range(field: FieldName): Range {
  const { min, max } = LIMITS[field]
  return { min: min ?? -Infinity, max: max ?? Infinity }
}

function intIn(value: number | '', { min, max }: Range): boolean {
  return value !== '' && Number.isInteger(value) && value >= min && value <= max
}

export function validateForm(
  form: ExplainForm,
  global?: GlobalForm
): Partial<Record<FieldName, Range>> {
  const errors: Partial<Record<FieldName, Range>> = {}
  const check = (field: FieldName, value: number | ''): void => {
    if (!intIn(value, range(field))) errors[field] = range(field)
  }
  if (usesSamples(form.method) && form.samples !== '') check('samples', form.samples)
  check('seed', form.seed)
  if (form.baseline === 'background') check('backgroundSize', form.backgroundSize)
  if (global) check('windows', global.windows)
  return errors
}

export function toJob(form: ExplainForm, index: number): ExplainJobInput {
  const job: ExplainJobInput = {
    quantity: form.quantity,
    method: form.method,
    level: form.level,
    index,
    baseline: form.baseline,
    seed: form.seed === '' ? 42 : form.seed,
    checks: form.checks,
    randomisation: form.randomisation
  }
  if (form.baseline === 'background' && form.backgroundSize !== '') {
    job.backgroundSize = form.backgroundSize
  }
  if (usesSamples(form.method) && form.samples !== '') job.samples = form.samples
  if (form.step !== '') job.step = form.step
  return job
}

/** The form that produced a record (to reopen it, or run it again with a check added). */
export function formOf(record: ExplanationRecord): ExplainForm {
  return {
    quantity: record.quantity,
    method: record.method,
    level: record.level,
    baseline: record.settings.baseline,
    backgroundSize: record.settings.backgroundSize,
    samples: record.settings.samples ?? '',
    seed: record.settings.seed,
    checks: record.settings.checks,
    randomisation: record.settings.randomisation,
    step: record.step ?? ''
  }
}

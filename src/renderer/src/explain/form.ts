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
    randomisation: false
  }
}

/** Which methods take a sample budget. */
export function usesSamples(method: ExplainMethod): boolean {
  return method === 'kernelshap' || method === 'timeshap' || method === 'lime' || method === 'ig'
}

function intIn(value: number | '', min: number, max: number): boolean {
  return value !== '' && Number.isInteger(value) && value >= min && value <= max
}

export function validateForm(
  form: ExplainForm,
  global?: GlobalForm
): Partial<Record<FieldName, { min: number; max: number }>> {
  const errors: Partial<Record<FieldName, { min: number; max: number }>> = {}
  if (usesSamples(form.method) && form.samples !== '' && !intIn(form.samples, 1, 1_000_000)) {
    errors.samples = { min: 1, max: 1_000_000 }
  }
  if (!intIn(form.seed, 0, 2 ** 31 - 1)) errors.seed = { min: 0, max: 2 ** 31 - 1 }
  if (form.baseline === 'background' && !intIn(form.backgroundSize, 1, 1000)) {
    errors.backgroundSize = { min: 1, max: 1000 }
  }
  if (global && !intIn(global.windows, 1, 10_000)) errors.windows = { min: 1, max: 10_000 }
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
    randomisation: record.settings.randomisation
  }
}

/**
 * Every numeric setting's limits, read from the contract's zod schemas (never
 * written here), and the message a value outside them gets.
 */
import { DataConfigSchema, IntervalLevelsSchema, SplitSchema } from '@shared/data-config'
import { ExplainJobSchema, GlobalJobSchema } from '@shared/explanation'
import { EarlyStoppingSchema, ModelConfigSchema } from '@shared/model-config'
import type { NumberLimits } from '@shared/number-limits'
import { numberLimits, numberProblem, parseNumber, scaleLimits } from '@shared/number-limits'

/** A validation message: an i18n key and its parameters. */
export interface FieldMessage {
  key: string
  params?: Record<string, number | string>
}

/** What a form field holds: a number once the text reads as one, else the text itself. */
export type NumberInput = number | string

const data = DataConfigSchema.shape
const model = ModelConfigSchema.shape

export const DATA_LIMITS = {
  window: numberLimits(data.window),
  horizon: numberLimits(data.horizon),
  seasonLength: numberLimits(data.seasonLength),
  // The split is a share of rows; the form shows percentages.
  trainPct: scaleLimits(numberLimits(SplitSchema.shape.train), 100),
  validationPct: scaleLimits(numberLimits(SplitSchema.shape.validation), 100),
  // Interval levels are shares of 1 too; the form shows percentages.
  intervalPct: scaleLimits(numberLimits(IntervalLevelsSchema.element), 100)
} satisfies Record<string, NumberLimits>

export const MODEL_LIMITS = {
  layers: numberLimits(model.layers),
  units: numberLimits(model.units),
  dropout: numberLimits(model.dropout),
  learningRate: numberLimits(model.learningRate),
  epochs: numberLimits(model.epochs),
  batchSize: numberLimits(model.batchSize),
  patience: numberLimits(EarlyStoppingSchema.shape.patience),
  seed: numberLimits(model.seed)
} satisfies Record<string, NumberLimits>

/** Whole numbers have inclusive bounds only: "above 0" is "from 1". */
function inclusive(limits: NumberLimits): NumberLimits {
  if (!limits.integer) return limits
  const { min, max } = limits
  return {
    ...limits,
    min: min !== null && limits.minExclusive ? Math.floor(min) + 1 : min,
    max: max !== null && limits.maxExclusive ? Math.ceil(max) - 1 : max,
    minExclusive: false,
    maxExclusive: false
  }
}

/** Test windows are numbered from 1 in the app (the job's index + 1), up to the run's count. */
export function testWindowLimits(count: number): NumberLimits {
  const index = numberLimits(ExplainJobSchema.shape.index)
  return { ...index, min: (index.min ?? 0) + 1, max: count, maxExclusive: false }
}

/** Importance by lag: the schema's window limit, and no more than the run's test windows. */
export function globalWindowLimits(testWindows: number): NumberLimits {
  const limits = numberLimits(GlobalJobSchema.shape.windows)
  return { ...limits, max: Math.min(limits.max ?? testWindows, testWindows) }
}

function rangeKey(limits: NumberLimits): string {
  const whole = limits.integer ? 'Whole' : ''
  const low = limits.min === null ? '' : limits.minExclusive ? 'Above' : 'From'
  const high = limits.max === null ? '' : limits.maxExclusive ? 'Below' : 'To'
  return `forms.range${whole}${low}${high}`
}

/** The message for a value against its limits; undefined when the value is fine. */
export function limitMessage(
  value: NumberInput,
  limits: NumberLimits,
  optional = false
): FieldMessage | undefined {
  const problem = numberProblem(value, limits, optional)
  if (problem === null) return undefined
  if (problem !== 'range') return { key: `forms.${problem}` }
  limits = inclusive(limits)
  const params: Record<string, number> = {}
  if (limits.min !== null) params['min'] = limits.min
  if (limits.max !== null) params['max'] = limits.max
  return { key: rangeKey(limits), params }
}

/** A value that passed limitMessage, as the number it is. */
export function asNumber(value: NumberInput): number {
  return typeof value === 'number' ? value : (parseNumber(value) ?? Number.NaN)
}

/** A finite number, or null for text that is not (yet) one. */
export function finite(value: NumberInput): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/**
 * The bounds of a numeric setting, read from its zod schema, so a form checks
 * and states exactly what the contract accepts (one source: the schema) and
 * parses what people type without guessing.
 */
import { z } from 'zod'

export interface NumberLimits {
  min: number | null
  max: number | null
  /** The bound itself is not allowed (e.g. a learning rate above 0). */
  minExclusive: boolean
  maxExclusive: boolean
  integer: boolean
}

interface NumberJsonSchema {
  type?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
}

/** Limits of a (possibly defaulted or optional) zod number schema, via its JSON Schema. */
export function numberLimits(schema: z.ZodType): NumberLimits {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as NumberJsonSchema
  const min = json.exclusiveMinimum ?? json.minimum ?? null
  const max = json.exclusiveMaximum ?? json.maximum ?? null
  return {
    // Integer schemas report ±MAX_SAFE_INTEGER when no bound was set.
    min: min !== null && Math.abs(min) >= Number.MAX_SAFE_INTEGER ? null : min,
    max: max !== null && Math.abs(max) >= Number.MAX_SAFE_INTEGER ? null : max,
    minExclusive: json.exclusiveMinimum !== undefined,
    maxExclusive: json.exclusiveMaximum !== undefined,
    integer: json.type === 'integer'
  }
}

/** The same limits in another unit (a share of 0–1 shown as a percentage). */
export function scaleLimits(limits: NumberLimits, factor: number): NumberLimits {
  const scale = (v: number | null): number | null =>
    v === null ? null : Math.round(v * factor * 1e9) / 1e9
  return { ...limits, min: scale(limits.min), max: scale(limits.max) }
}

export type NumberProblem = 'required' | 'notNumber' | 'comma' | 'integer' | 'range'

/**
 * A number typed by a person, or null. Accepts a decimal comma where it cannot
 * be a thousands separator ("0,01", "2,5"); "1,000" is ambiguous and refused.
 */
export function parseNumber(text: string): number | null {
  const t = text.trim()
  if (t === '') return null
  let normal = t
  if (t.includes(',')) {
    const m = /^([+-]?\d*),(\d+)$/.exec(t)
    if (!m) return null
    const [, whole = '', fraction = ''] = m
    const thousands = fraction.length === 3 && whole !== '' && !/^[+-]?0$/.test(whole)
    if (thousands) return null
    normal = `${whole === '' || whole === '-' || whole === '+' ? `${whole}0` : whole}.${fraction}`
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normal)) return null
  const value = Number(normal)
  return Number.isFinite(value) ? value : null
}

/** What is wrong with a value against its limits; null when it is fine. */
export function numberProblem(
  value: number | string,
  limits: NumberLimits,
  optional = false
): NumberProblem | null {
  if (typeof value === 'string') {
    if (value.trim() === '') return optional ? null : 'required'
    const parsed = parseNumber(value)
    if (parsed === null) return value.includes(',') ? 'comma' : 'notNumber'
    value = parsed
  }
  if (!Number.isFinite(value)) return 'notNumber'
  if (limits.integer && !Number.isInteger(value)) return 'integer'
  const { min, max } = limits
  if (min !== null && (limits.minExclusive ? value <= min : value < min)) return 'range'
  if (max !== null && (limits.maxExclusive ? value >= max : value > max)) return 'range'
  return null
}

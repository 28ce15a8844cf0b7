import { InvalidArgumentError } from 'commander'

/** commander parsers that refuse what is not a number, naming the flag. */
export const int =
  (name: string) =>
  (value: string): number => {
    const n = Number(value)
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be an integer.`)
    return n
  }

export const num =
  (name: string) =>
  (value: string): number => {
    const n = Number(value)
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number.`)
    return n
  }

/** A comma-separated list of interval levels in (0, 1), or "none". */
export const levels =
  (name: string) =>
  (value: string): number[] => {
    if (value.trim() === 'none') return []
    const out = value.split(',').map((v) => Number(v.trim()))
    if (out.some((x) => !(x > 0 && x < 1))) {
      throw new InvalidArgumentError(`${name} takes levels between 0 and 1, e.g. 0.8,0.95.`)
    }
    return out
  }

/** Only the options that were given, so that the schemas' defaults fill in the rest. */
export function given(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
}

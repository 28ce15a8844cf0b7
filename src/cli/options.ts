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

/** Only the options that were given, so that the schemas' defaults fill in the rest. */
export function given(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined))
}

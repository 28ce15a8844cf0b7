/** Text that means "no value" in CSVs exported from spreadsheets, R and pandas. */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '#n/a'])

export type Cell = { kind: 'missing' } | { kind: 'number'; value: number } | { kind: 'bad' }

const MISSING: Cell = { kind: 'missing' }
const BAD: Cell = { kind: 'bad' }
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/

/**
 * Parse one cell. `decimalComma` is on for ';'-separated files, where "1,5"
 * is how much of Europe writes 1.5.
 */
export function parseCell(text: string, decimalComma: boolean): Cell {
  const trimmed = text.trim()
  if (MISSING_TOKENS.has(trimmed.toLowerCase())) return MISSING
  const normalised =
    decimalComma && DECIMAL_COMMA.test(trimmed) ? trimmed.replace(',', '.') : trimmed
  const value = Number(normalised)
  // Number('') and Number('  ') are 0 and hex/Infinity are not data values: reject them.
  if (!Number.isFinite(value) || /^[+-]?0x/i.test(normalised)) return BAD
  return { kind: 'number', value }
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:?\d{2})?)?$/

/** Parse an ISO-8601 date or date-time as epoch ms (UTC when no zone is given), or null. */
export function parseIsoTime(text: string): { ms: number; hasClock: boolean } | null {
  const m = ISO_DATE.exec(text.trim())
  if (!m) return null
  const [, y, mo, d, h, mi, s, frac, zone] = m
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const hasClock = h !== undefined
  let ms = Date.UTC(
    year,
    month - 1,
    day,
    hasClock ? Number(h) : 0,
    hasClock ? Number(mi) : 0,
    s === undefined ? 0 : Number(s),
    frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000)
  )
  // Reject rolled-over dates such as 2021-02-30.
  if (new Date(ms).getUTCDate() !== day) return null
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000
  }
  return { ms, hasClock }
}

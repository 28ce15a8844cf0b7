import { assertNever } from '../../../shared/assert-never'

/**
 * Date formats the importer recognises, how to tell them apart from a sample
 * of a column, and how to read one cell as epoch milliseconds.
 */
export const DATE_FORMATS = ['iso', 'dmy', 'mdy', 'unix-s', 'unix-ms', 'year'] as const
export type DateFormat = (typeof DATE_FORMATS)[number]

export interface ParsedTime {
  readonly ms: number
  readonly hasClock: boolean
  /** Whether the text carried its own zone (Z or ±hh:mm). */
  readonly zoned: boolean
}

/** How each format reads in a message. */
export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  iso: 'YYYY-MM-DD (ISO 8601)',
  dmy: 'DD/MM/YYYY (day first)',
  mdy: 'MM/DD/YYYY (month first)',
  'unix-s': 'Unix time in seconds',
  'unix-ms': 'Unix time in milliseconds',
  year: 'a year (YYYY)'
}

const ISO =
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/
const DAY_MONTH =
  /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?$/
const INTEGER = /^[+-]?\d+(?:\.\d+)?$/

/** Names that make a column of integers a time axis (Unix seconds/ms or years). */
const TIME_NAME = /^(date|time|timestamp|datetime|ds|period|day|month|week|year|epoch|unix|ts|t)$/i

export function isTimeName(name: string): boolean {
  return TIME_NAME.test(name.trim())
}

/**
 * Read one cell in the given format (null when it does not fit). Stamps
 * without a zone are read as UTC shifted by `offsetMinutes` (the zone the
 * user says the file was written in).
 */
export function parseTime(text: string, format: DateFormat, offsetMinutes = 0): ParsedTime | null {
  const s = text.trim()
  switch (format) {
    case 'iso': {
      const m = ISO.exec(s)
      if (!m) return null
      return build(+m[1]!, +m[2]!, +m[3]!, m, 4, offsetMinutes)
    }
    case 'dmy':
    case 'mdy': {
      const m = DAY_MONTH.exec(s)
      if (!m) return null
      const [a, b] = [+m[1]!, +m[2]!]
      return format === 'dmy'
        ? build(+m[3]!, b, a, m, 4, offsetMinutes)
        : build(+m[3]!, a, b, m, 4, offsetMinutes)
    }
    case 'unix-s':
    case 'unix-ms': {
      if (!INTEGER.test(s)) return null
      const value = Number(s) * (format === 'unix-s' ? 1000 : 1)
      if (!Number.isFinite(value) || Math.abs(value) > 8.64e15) return null
      return { ms: value, hasClock: true, zoned: true }
    }
    case 'year': {
      if (!/^\d{4}$/.test(s)) return null
      return { ms: Date.UTC(+s, 0, 1) - offsetMinutes * 60_000, hasClock: false, zoned: false }
    }
    default:
      return assertNever(format, 'date format')
  }
}

function build(
  year: number,
  month: number,
  day: number,
  m: RegExpExecArray,
  at: number,
  offsetMinutes: number
): ParsedTime | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  const [h, mi, sec, frac, zone] = [m[at], m[at + 1], m[at + 2], m[at + 3], m[at + 4]]
  const hasClock = h !== undefined
  if (hasClock && (+h! > 23 || +mi! > 59 || (sec !== undefined && +sec > 60))) return null
  let ms = Date.UTC(
    year,
    month - 1,
    day,
    hasClock ? +h! : 0,
    hasClock ? +mi! : 0,
    sec === undefined ? 0 : +sec,
    frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000)
  )
  // Reject rolled-over dates such as 2021-02-30.
  if (new Date(ms).getUTCDate() !== day) return null
  if (zone === undefined) ms -= offsetMinutes * 60_000
  else if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1
    const digits = zone.slice(1).replace(':', '')
    ms -= sign * (+digits.slice(0, 2) * 60 + +(digits.slice(2) || '0')) * 60_000
  }
  return { ms, hasClock, zoned: zone !== undefined }
}

export interface DateDetection {
  readonly format: DateFormat
  /** Day-first and month-first both fit every sampled cell; the steps decided. */
  readonly ambiguous: boolean
  /** Some sampled stamps carry a zone (Z or an offset). */
  readonly zoned: boolean
}

/**
 * The format every non-empty sampled cell fits, or null. Day-first against
 * month-first: a part above 12 decides; when none does, the reading whose
 * steps are the most regular wins (daily data read the wrong way jumps by
 * months). Integers are times only under a time-like column name.
 */
export function detectDateFormat(
  samples: readonly string[],
  columnName: string
): DateDetection | null {
  const cells = samples.map((s) => s.trim()).filter((s) => s !== '')
  if (cells.length === 0) return null
  const fits = (format: DateFormat): ParsedTime[] | null => {
    const out: ParsedTime[] = []
    for (const c of cells) {
      const t = parseTime(c, format)
      if (!t) return null
      out.push(t)
    }
    return out
  }
  const iso = fits('iso')
  if (iso) return { format: 'iso', ambiguous: false, zoned: iso.some((t) => t.zoned) }
  const dmy = fits('dmy')
  const mdy = fits('mdy')
  if (dmy && mdy) {
    const format = stepSpread(dmy) <= stepSpread(mdy) ? 'dmy' : 'mdy'
    return { format, ambiguous: true, zoned: false }
  }
  if (dmy) return { format: 'dmy', ambiguous: false, zoned: false }
  if (mdy) return { format: 'mdy', ambiguous: false, zoned: false }
  if (!isTimeName(columnName)) return null
  if (cells.every((c) => /^\d{4}$/.test(c)) && /year/i.test(columnName)) {
    return { format: 'year', ambiguous: false, zoned: false }
  }
  if (!cells.every((c) => /^\d+$/.test(c))) return null
  const magnitude = Math.max(...cells.map(Number))
  // 1e8 s is 1973, 1e11 s is the year 5138: beyond that, milliseconds.
  if (magnitude >= 1e8 && magnitude < 1e11)
    return { format: 'unix-s', ambiguous: false, zoned: true }
  if (magnitude >= 1e11 && magnitude < 1e14)
    return { format: 'unix-ms', ambiguous: false, zoned: true }
  return null
}

const DAY_MS = 86_400_000

/** Number of distinct step lengths (28–31 days count as one: a month); small for a regular series. */
function stepSpread(times: readonly ParsedTime[]): number {
  const steps = new Set<number>()
  for (let i = 1; i < times.length; i++) {
    const step = times[i]!.ms - times[i - 1]!.ms
    steps.add(step >= 28 * DAY_MS && step <= 31 * DAY_MS ? -1 : step)
  }
  let backwards = 0
  for (let i = 1; i < times.length; i++) if (times[i]!.ms < times[i - 1]!.ms) backwards += 1
  return steps.size + backwards * times.length
}

/**
 * The date format most sampled cells fit, when at least half do: a time
 * column with a few stamps in another format (mixed formats) is still the
 * time axis, and the reader then names the first cell that does not fit.
 */
export function dominantDateFormat(samples: readonly string[]): DateFormat | null {
  const cells = samples.map((s) => s.trim()).filter((s) => s !== '')
  let best: DateFormat | null = null
  let top = 0
  for (const format of ['iso', 'dmy', 'mdy'] as const) {
    const fit = cells.filter((c) => parseTime(c, format) !== null).length
    if (fit > top) [best, top] = [format, fit]
  }
  return top * 2 >= cells.length && top > 0 ? best : null
}

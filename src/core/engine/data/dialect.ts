import { decimalEvidence, parseNumber, type DecimalSeparator } from './cells'
import { detectDateFormat } from './date-format'
import { CSV_LIMITS } from './limits'
import { tokenizeAll } from './tokenizer'

export const DELIMITERS = [',', ';', '\t', '|'] as const
export type Delimiter = (typeof DELIMITERS)[number]

/** How a file is written: detected from its first bytes, each part overridable. */
export interface Dialect {
  readonly delimiter: Delimiter
  readonly decimal: DecimalSeparator
  /** File line of the header (1-based), or null when the file has none (columns are numbered). */
  readonly headerLine: number | null
}

export type DialectOverrides = Partial<Dialect>

/** Records of the sample the detection looks at. */
const SAMPLE_RECORDS = 200

/**
 * The delimiter that splits the sampled records into the same number of
 * fields most consistently (more than one field preferred); then the decimal
 * separator its numbers use; then the header: the first record with the
 * usual field count, unless that record is itself data (numbers or dates).
 */
export function detectDialect(sample: string, overrides: DialectOverrides = {}): Dialect {
  const delimiter = overrides.delimiter ?? detectDelimiter(sample)
  const records = safeRecords(sample, delimiter)
  const width = modalWidth(records.map((r) => r.fields.length))
  const firstFull = records.findIndex((r) => r.fields.length === width)
  const body = records.slice(firstFull + 1)
  const decimal =
    overrides.decimal ??
    detectDecimal(
      body.map((r) => r.fields),
      delimiter
    )
  let headerLine: number | null
  if (overrides.headerLine !== undefined) headerLine = overrides.headerLine
  else if (firstFull < 0) headerLine = 1
  else {
    const candidate = records[firstFull]!
    headerLine = looksLikeData(candidate.fields, decimal) ? null : candidate.line
  }
  return { delimiter, decimal, headerLine }
}

function safeRecords(sample: string, delimiter: string): { fields: string[]; line: number }[] {
  try {
    return tokenizeAll(sample, delimiter, CSV_LIMITS, {
      maxRecords: SAMPLE_RECORDS,
      complete: false
    })
  } catch {
    return []
  }
}

export function detectDelimiter(sample: string): Delimiter {
  let best: { delimiter: Delimiter; score: number; width: number } = {
    delimiter: ',',
    score: -1,
    width: 1
  }
  for (const delimiter of DELIMITERS) {
    const widths = safeRecords(sample, delimiter).map((r) => r.fields.length)
    if (widths.length === 0) continue
    const width = modalWidth(widths)
    if (width < 2) continue
    const score = widths.filter((w) => w === width).length / widths.length
    if (score > best.score || (score === best.score && width > best.width)) {
      best = { delimiter, score, width }
    }
  }
  return best.delimiter
}

function modalWidth(widths: readonly number[]): number {
  const counts = new Map<number, number>()
  for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1)
  let mode = 1
  let top = 0
  for (const [w, c] of counts) if (c > top || (c === top && w > mode)) [mode, top] = [w, c]
  return mode
}

/** A comma decimal only where the delimiter is not a comma and comma-decimal cells outnumber dot ones. */
function detectDecimal(rows: readonly string[][], delimiter: string): DecimalSeparator {
  if (delimiter === ',') return '.'
  let comma = 0
  let dot = 0
  for (const row of rows) {
    for (const cell of row) {
      const e = decimalEvidence(cell)
      if (e === ',') comma += 1
      else if (e === '.') dot += 1
    }
  }
  return comma > dot ? ',' : '.'
}

/** A record of numbers and dates is data, not a header (a header names columns). */
function looksLikeData(fields: readonly string[], decimal: DecimalSeparator): boolean {
  return fields.every((f) => {
    const s = f.trim()
    if (s === '') return false
    const n = parseNumber(s, decimal)
    return (n !== null && !Number.isNaN(n)) || detectDateFormat([s], '') !== null
  })
}

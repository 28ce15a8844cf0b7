import { UserFacingError } from '../../errors'
import { DATE_FORMAT_LABELS, type DateFormat } from './date-format'
import { CSV_LIMITS, quoteText } from './limits'
import type { TokenizerError } from './tokenizer'

/** Where a problem is, as messages write it: `file, line 12, column "price"`. */
export function where(file: string, line: number, column?: string): string {
  return `${file}, line ${line}${column === undefined ? '' : `, column ${quoteText(column)}`}`
}

export function tokenizerFailure(
  e: TokenizerError,
  file: string,
  names: readonly string[] | null
): UserFacingError {
  const column = e.column === null ? undefined : (names?.[e.column - 1] ?? `${e.column}`)
  const at = where(file, e.line, column)
  const fmt = (n: number): string => n.toLocaleString('en-US')
  const message = {
    'field-too-long': `${at}: a field longer than ${fmt(CSV_LIMITS.maxFieldChars)} characters (the limit). Is a quote left open?`,
    'too-many-columns': `${at}: more than ${fmt(CSV_LIMITS.maxColumns)} columns (the limit).`,
    'record-too-long': `${at}: a row longer than ${fmt(CSV_LIMITS.maxRecordChars)} characters (the limit). Is a quote left open?`,
    'unclosed-quote': `${at}: a quoted field is never closed (a " without its closing ").`
  }[e.reason]
  return new UserFacingError(e.reason, message, {
    file,
    row: e.line,
    ...(column === undefined ? {} : { column })
  })
}

export function raggedRow(
  file: string,
  line: number,
  header: readonly string[],
  found: number,
  delimiter: string
): UserFacingError {
  const d = delimiter === '\t' ? 'tab' : `"${delimiter}"`
  const column = header[Math.min(found, header.length) - 1] ?? header[0]!
  return new UserFacingError(
    'ragged-row',
    `${where(file, line, column)}: expected ${header.length} fields separated by ${d} but found ${found}.`,
    { file, row: line, column, params: { expected: header.length, found } }
  )
}

export function badTime(
  file: string,
  line: number,
  column: string,
  text: string,
  format: DateFormat | null,
  firstLine: number | null
): UserFacingError {
  const cell = text.trim()
  const message =
    cell === ''
      ? 'the time is empty. Every row needs a time.'
      : format
        ? `${quoteText(cell)} is not in the column's date format, ${DATE_FORMAT_LABELS[format]}${firstLine === null ? '' : `, as on line ${firstLine}`}.`
        : `${quoteText(cell)} is not a date (expected YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY or Unix time).`
  return new UserFacingError('bad-time', `${where(file, line, column)}: ${message}`, {
    file,
    row: line,
    column,
    params: { text: cell.slice(0, 40), format: format ?? '' }
  })
}

export function badHeader(
  file: string,
  line: number,
  names: readonly string[]
): UserFacingError | null {
  const seen = new Set<string>()
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    if (name === '') {
      return new UserFacingError(
        'bad-header',
        `${file}, line ${line}: column ${i + 1} has no name. The header must name every column.`,
        { file, row: line }
      )
    }
    if (seen.has(name)) {
      return new UserFacingError(
        'bad-header',
        `${file}, line ${line}: column ${quoteText(name)} appears twice; each column needs its own name.`,
        { file, row: line, column: name }
      )
    }
    seen.add(name)
  }
  return null
}

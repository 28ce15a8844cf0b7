import { basename } from 'node:path'
import type { ImportFacts, ImportOptions } from '../../../shared/data-import'
import { UserFacingError } from '../../errors'
import { parseNumber, type DecimalSeparator } from './cells'
import {
  detectDateFormat,
  dominantDateFormat,
  isTimeName,
  parseTime,
  type DateFormat
} from './date-format'
import { detectDialect, type Dialect } from './dialect'
import { EncodingMismatch, openTextSource, type TextSource } from './file-source'
import { GrowableFloat64 } from './growable'
import { badHeader, badTime, raggedRow, tokenizerFailure, where } from './import-messages'
import { CSV_LIMITS, quoteText, type CsvLimits } from './limits'
import { reorderTable } from './reorder'
import type { Column, Table } from './table'
import { CsvTokenizer, TokenizerError, tokenizeAll } from './tokenizer'

export interface ReadCsvOptions extends ImportOptions {
  /** The time column: absent = detect one, null = none (rows are indexed by position). */
  timeColumn?: string | null | undefined
  limits?: Partial<CsvLimits> | undefined
  signal?: AbortSignal | undefined
  onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined
}

const PREVIEW_ROWS = 10
const PREVIEW_CHARS = 60

interface ColumnBuilder {
  readonly name: string
  readonly values: GrowableFloat64
  bad: number
  missing: number
  firstBad: { line: number; text: string } | null
}

interface TimeAxis {
  readonly index: number
  readonly name: string
  readonly format: DateFormat
  readonly ambiguous: boolean
  readonly zoned: boolean
}

/**
 * Read a CSV file as a Table, streaming it so that million-row files never
 * sit in memory as text or boxed cells. The encoding, dialect (delimiter,
 * decimal separator, header) and time axis are detected from the first
 * 64 KB unless the options fix them. Every failure is a UserFacingError
 * naming the file, line and column.
 */
export async function readCsv(
  path: string,
  displayName = basename(path),
  options: ReadCsvOptions = {}
): Promise<Table> {
  const limits: CsvLimits = { ...CSV_LIMITS, ...options.limits }
  const source = await openTextSource(path, displayName, {
    ...options,
    maxFileBytes: limits.maxFileBytes
  })
  try {
    return await readSource(source, path, displayName, options, limits)
  } catch (e) {
    // A file that looked like UTF-8 in its first 64 KB but is not: read it again as Latin-1.
    if (e instanceof EncodingMismatch && options.encoding === undefined) {
      return readCsv(path, displayName, { ...options, encoding: 'latin-1' })
    }
    throw e
  }
}

async function readSource(
  source: TextSource,
  path: string,
  file: string,
  options: ReadCsvOptions,
  limits: CsvLimits
): Promise<Table> {
  const dialect = detectDialect(source.sample, {
    ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.decimal ? { decimal: options.decimal } : {}),
    ...(options.headerLine !== undefined ? { headerLine: options.headerLine } : {})
  })
  const sampleRecords = safeSample(source.sample, dialect.delimiter, limits)
  let header: string[] | null = null
  let axis: TimeAxis | null = null
  let builders: ColumnBuilder[] = []
  let builderOf: (ColumnBuilder | null)[] = []
  const times = new GrowableFloat64()
  let timeHasClock = false
  let firstTimeLine: number | null = null
  const lines: number[] = []
  const preview: string[][] = []

  const start = (names: string[], line: number): void => {
    const problem = badHeader(file, line, names)
    if (problem) throw problem
    header = names
    axis = pickTimeAxis(names, sampleRecords, dialect, options, file)
    builders = names.filter((_, i) => i !== axis?.index).map(newBuilder)
    let b = 0
    builderOf = names.map((_, i) => (i === axis?.index ? null : builders[b++]!))
  }

  const onRecord = (fields: string[], line: number): void => {
    if (!header) {
      if (dialect.headerLine !== null) {
        if (line < dialect.headerLine) return // a preamble above the header
        start(
          fields.map((h) => h.trim()),
          line
        )
        return
      }
      start(
        fields.map((_, i) => `column_${i + 1}`),
        line
      )
    }
    const names = header!
    if (fields.length !== names.length)
      throw raggedRow(file, line, names, fields.length, dialect.delimiter)
    if (preview.length < PREVIEW_ROWS) preview.push(fields.map((f) => f.slice(0, PREVIEW_CHARS)))
    lines.push(line)
    for (let c = 0; c < fields.length; c++) {
      const b = builderOf[c]
      if (b) addCell(b, fields[c]!, line, dialect.decimal)
      else {
        const t = parseTime(fields[c]!, axis!.format, options.utcOffsetMinutes ?? 0)
        if (!t) throw badTime(file, line, axis!.name, fields[c]!, axis!.format, firstTimeLine)
        firstTimeLine ??= line
        if (t.hasClock) timeHasClock = true
        times.push(t.ms)
      }
    }
  }

  const tokenizer = new CsvTokenizer(dialect.delimiter, onRecord, limits)
  try {
    await source.read((text) => tokenizer.push(text))
    tokenizer.end()
  } catch (e) {
    if (e instanceof TokenizerError) throw tokenizerFailure(e, file, header)
    throw e
  }
  if (!header || lines.length === 0) {
    throw new UserFacingError('no-rows', `${file} has a header but no data rows.`, { file })
  }
  const names: string[] = header
  const a = axis as TimeAxis | null
  const table: Table = {
    name: file,
    path,
    rows: lines.length,
    timeColumn: a ? a.name : null,
    time: a ? times.toArray() : null,
    timeHasClock,
    columns: builders.map(toColumn),
    lines: Int32Array.from(lines),
    delimiter: dialect.delimiter,
    import: facts(source, dialect, a, options, names, preview)
  }
  requireNumericColumn(table, names)
  return reorderTable(table, options)
}

function facts(
  source: TextSource,
  dialect: Dialect,
  axis: TimeAxis | null,
  options: ReadCsvOptions,
  header: string[],
  rows: string[][]
): ImportFacts {
  return {
    encoding: source.encoding,
    bom: source.bom,
    delimiter: dialect.delimiter,
    decimal: dialect.decimal,
    headerLine: dialect.headerLine,
    dateFormat: axis?.format ?? null,
    dateAmbiguous: axis?.ambiguous ?? false,
    zoned: axis?.zoned ?? false,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    sorted: false,
    mergedDuplicates: 0,
    duplicates: null,
    preview: { header: header.map((h) => h.slice(0, PREVIEW_CHARS)), rows }
  }
}

function safeSample(
  sample: string,
  delimiter: string,
  limits: CsvLimits
): { fields: string[]; line: number }[] {
  try {
    return tokenizeAll(sample, delimiter, limits, { maxRecords: 200, complete: false })
  } catch {
    return []
  }
}

/**
 * The time axis: the chosen column, or the first whose sampled cells all
 * read as dates (a conventional name such as "date" first). Its format is
 * the user's choice or the one detected from the sample.
 */
function pickTimeAxis(
  names: string[],
  sample: { fields: string[]; line: number }[],
  dialect: Dialect,
  options: ReadCsvOptions,
  file: string
): TimeAxis | null {
  if (options.timeColumn === null) return null
  const body = sample.filter((r) => dialect.headerLine === null || r.line > dialect.headerLine)
  const cells = (i: number): string[] => body.map((r) => r.fields[i] ?? '')
  const detect = (i: number): TimeAxis | null => {
    const found = detectDateFormat(cells(i), names[i]!)
    if (options.dateFormat)
      return {
        index: i,
        name: names[i]!,
        format: options.dateFormat,
        ambiguous: false,
        zoned: found?.zoned ?? false
      }
    return found
      ? {
          index: i,
          name: names[i]!,
          format: found.format,
          ambiguous: found.ambiguous,
          zoned: found.zoned
        }
      : null
  }
  if (options.timeColumn !== undefined) {
    const i = names.indexOf(options.timeColumn)
    if (i < 0) {
      throw new UserFacingError(
        'unknown-column',
        `${file} has no column ${quoteText(options.timeColumn)} to use as time.`,
        {
          file,
          column: options.timeColumn
        }
      )
    }
    const chosen = detect(i)
    if (chosen) return chosen
    const bad = body.find((r) => (r.fields[i] ?? '').trim() !== '') ?? body[0]
    throw badTime(file, bad?.line ?? 2, names[i]!, bad?.fields[i] ?? '', null, null)
  }
  const order = names
    .map((_, i) => i)
    .sort((x, y) => Number(isTimeName(names[y]!)) - Number(isTimeName(names[x]!)) || x - y)
  for (const i of order) {
    const axis = detect(i)
    if (axis && (isTimeName(names[i]!) || !['unix-s', 'unix-ms', 'year'].includes(axis.format)))
      return axis
  }
  // A time-named column where most stamps share a format: mixed formats, reported at the first misfit.
  const named = order.find((i) => isTimeName(names[i]!))
  const format = named === undefined ? null : dominantDateFormat(cells(named))
  if (named !== undefined && format) {
    return { index: named, name: names[named]!, format, ambiguous: false, zoned: false }
  }
  return null
}

function newBuilder(name: string): ColumnBuilder {
  return { name, values: new GrowableFloat64(), bad: 0, missing: 0, firstBad: null }
}

function addCell(b: ColumnBuilder, text: string, line: number, decimal: DecimalSeparator): void {
  const value = parseNumber(text, decimal)
  if (value === null) {
    b.values.push(NaN)
    b.bad += 1
    if (!b.firstBad) b.firstBad = { line, text: text.trim().slice(0, 200) }
    return
  }
  if (Number.isNaN(value)) b.missing += 1
  b.values.push(value)
}

function toColumn(b: ColumnBuilder): Column {
  const values = b.values.toArray()
  return {
    name: b.name,
    values,
    numeric: b.bad === 0 && values.length - b.missing > 0,
    missing: b.missing,
    firstBad: b.firstBad
  }
}

function requireNumericColumn(table: Table, header: string[]): void {
  if (table.columns.some((c) => c.numeric)) return
  const file = table.name
  const onlyOne = header.length === 1
  const other = [',', ';', '\t', '|', ' '].find((d) => (header[0] ?? '').includes(d))
  const hint =
    onlyOne && other !== undefined
      ? ` Only one column was found, and its name contains "${other === '\t' ? 'tab' : other === ' ' ? 'space' : other}": values must be separated by commas, semicolons, tabs or "|".`
      : ''
  const firstText = table.columns.find((c) => c.firstBad)
  const detail = firstText?.firstBad
    ? ` First text: ${where(file, firstText.firstBad.line, firstText.name)} holds ${quoteText(firstText.firstBad.text)}.`
    : ''
  throw new UserFacingError(
    'no-numeric-column',
    `${file} has no numeric column: every column besides the time holds text or nothing.${hint}${detail}`,
    {
      file,
      ...(firstText?.firstBad ? { row: firstText.firstBad.line, column: firstText.name } : {})
    }
  )
}

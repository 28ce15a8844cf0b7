import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import Papa from 'papaparse'
import { UserFacingError } from '../../errors'
import { parseCell, parseIsoTime } from './cells'
import { GrowableFloat64 } from './growable'
import type { Column, Table } from './table'

const TIME_NAMES = /^(date|time|timestamp|datetime|ds|period|day|month)$/i
const DELIMITERS = [',', ';', '\t', '|']

export interface ReadCsvOptions {
  /** The time column: absent = detect one, null = none (rows are indexed by position). */
  timeColumn?: string | null | undefined
}

interface ColumnBuilder {
  name: string
  values: GrowableFloat64
  bad: number
  missing: number
  firstBad: { line: number; text: string } | null
  /** Still a candidate for the time axis: every non-empty cell so far is an ISO date. */
  timeCandidate: boolean
  times: GrowableFloat64
  timeHasClock: boolean
  firstBadTime: { line: number; text: string } | null
}

/**
 * Read a CSV file as a Table, streaming it through papaparse so that
 * million-row files never sit in memory as text or as boxed cells.
 * Every failure is a UserFacingError naming the file, line and column.
 */
export async function readCsv(
  path: string,
  displayName = basename(path),
  options: ReadCsvOptions = {}
): Promise<Table> {
  const info = await stat(path).catch(() => null)
  if (!info || !info.isFile()) {
    throw new UserFacingError('file-not-found', `${displayName}: file not found.`, {
      file: displayName
    })
  }
  if (info.size === 0) {
    throw new UserFacingError('empty-file', `${displayName} is empty.`, { file: displayName })
  }

  let header: string[] | null = null
  let builders: ColumnBuilder[] = []
  let line = 0
  const lines: number[] = []
  let delimiter = ','
  let failure: UserFacingError | null = null
  let decimalComma = false

  const fail = (error: UserFacingError, parser: Papa.Parser): void => {
    failure = error
    parser.abort()
  }

  await new Promise<void>((resolve, reject) => {
    const stream = createReadStream(path, { encoding: 'utf8' })
    stream.on('error', (e) =>
      reject(
        new UserFacingError('read-failed', `${displayName}: ${e.message}`, { file: displayName })
      )
    )
    Papa.parse<string[]>(stream, {
      delimitersToGuess: DELIMITERS,
      skipEmptyLines: false,
      chunkSize: 1 << 20,
      chunk(results, parser) {
        if (!header && results.meta.delimiter) {
          delimiter = results.meta.delimiter
          decimalComma = delimiter === ';'
        }
        for (const raw of results.data) {
          line += 1
          if (raw.length === 1 && (raw[0] ?? '').trim() === '') continue // blank line
          if (!header) {
            const names = raw.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim())
            const problem = checkHeader(names, displayName)
            if (problem) return fail(problem, parser)
            header = names
            builders = names.map((name) => newBuilder(name))
            continue
          }
          if (raw.length !== header.length) {
            return fail(
              new UserFacingError(
                'ragged-row',
                `${displayName}, line ${line}: expected ${header.length} fields (${header.join(delimiter)}) but found ${raw.length}.`,
                { file: displayName, row: line }
              ),
              parser
            )
          }
          lines.push(line)
          for (let c = 0; c < raw.length; c++)
            addCell(builders[c]!, raw[c] ?? '', line, decimalComma)
        }
      },
      complete: () => resolve(),
      error: (e: Error) =>
        reject(
          new UserFacingError('parse-failed', `${displayName}: ${e.message}`, { file: displayName })
        )
    })
  })
  if (failure) throw failure
  if (!header || lines.length === 0) {
    throw new UserFacingError('no-rows', `${displayName} has a header but no data rows.`, {
      file: displayName
    })
  }
  return buildTable(
    displayName,
    path,
    builders,
    Int32Array.from(lines),
    delimiter,
    options.timeColumn
  )
}

function checkHeader(names: string[], file: string): UserFacingError | null {
  const seen = new Set<string>()
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!
    if (name === '') {
      return new UserFacingError(
        'bad-header',
        `${file}, line 1: column ${i + 1} has no name. The first line must name every column.`,
        { file, row: 1 }
      )
    }
    if (seen.has(name)) {
      return new UserFacingError('bad-header', `${file}, line 1: column "${name}" appears twice.`, {
        file,
        row: 1,
        column: name
      })
    }
    seen.add(name)
  }
  return null
}

function newBuilder(name: string): ColumnBuilder {
  return {
    name,
    values: new GrowableFloat64(),
    bad: 0,
    missing: 0,
    firstBad: null,
    timeCandidate: true,
    times: new GrowableFloat64(),
    timeHasClock: false,
    firstBadTime: null
  }
}

function addCell(b: ColumnBuilder, text: string, line: number, decimalComma: boolean): void {
  const cell = parseCell(text, decimalComma)
  if (cell.kind === 'number') {
    b.values.push(cell.value)
  } else {
    b.values.push(NaN)
    if (cell.kind === 'missing') b.missing += 1
    else {
      b.bad += 1
      if (!b.firstBad) b.firstBad = { line, text: text.trim() }
    }
  }
  if (b.timeCandidate) {
    const t = text.trim() === '' ? null : parseIsoTime(text)
    if (t) {
      b.times.push(t.ms)
      if (t.hasClock) b.timeHasClock = true
    } else {
      b.times.push(NaN)
      if (!b.firstBadTime) b.firstBadTime = { line, text: text.trim() }
      // Only a handful of bad cells are tolerated before a column stops being a time candidate.
      if (cell.kind === 'number' || b.times.length < 3) b.timeCandidate = false
    }
  }
}

function buildTable(
  name: string,
  path: string,
  builders: ColumnBuilder[],
  lines: Int32Array,
  delimiter: string,
  timeColumn: string | null | undefined
): Table {
  const timeBuilder = pickTimeColumn(builders, timeColumn, name)
  let time: Float64Array | null = null
  if (timeBuilder) {
    if (timeBuilder.firstBadTime) {
      const { line, text } = timeBuilder.firstBadTime
      throw new UserFacingError(
        'bad-time',
        `${name}, line ${line}, column "${timeBuilder.name}": "${text}" is not a date (expected YYYY-MM-DD or ISO 8601).`,
        { file: name, row: line, column: timeBuilder.name }
      )
    }
    time = timeBuilder.times.toArray()
    checkTimeOrder(time, lines, name, timeBuilder.name)
  }
  const columns: Column[] = builders
    .filter((b) => b !== timeBuilder)
    .map((b) => {
      const values = b.values.toArray()
      const nonMissing = values.length - b.missing
      return {
        name: b.name,
        values,
        numeric: b.bad === 0 && nonMissing > 0,
        missing: b.missing,
        firstBad: b.firstBad
      }
    })
  if (!columns.some((c) => c.numeric)) {
    const onlyOne = builders.length === 1
    const other = [...DELIMITERS, ' '].find((d) => (builders[0]?.name ?? '').includes(d))
    const hint =
      onlyOne && other !== undefined
        ? ` Only one column was found, and its name contains "${other === '\t' ? 'tab' : other === ' ' ? 'space' : other}": values must be separated by commas, semicolons, tabs or "|".`
        : ''
    throw new UserFacingError(
      'no-numeric-column',
      `${name} has no numeric column: every column besides the time holds text.${hint}`,
      { file: name }
    )
  }
  return {
    name,
    path,
    rows: lines.length,
    timeColumn: timeBuilder ? timeBuilder.name : null,
    time,
    timeHasClock: timeBuilder ? timeBuilder.timeHasClock : false,
    columns,
    lines,
    delimiter
  }
}

/** The time axis: a column whose cells are ISO dates, preferring conventional names. */
function pickTimeColumn(
  builders: ColumnBuilder[],
  chosen: string | null | undefined,
  file: string
): ColumnBuilder | null {
  if (chosen === null) return null
  if (chosen !== undefined) {
    const b = builders.find((c) => c.name === chosen)
    if (!b) {
      throw new UserFacingError(
        'unknown-column',
        `${file} has no column "${chosen}" to use as time.`,
        {
          file,
          column: chosen
        }
      )
    }
    return b
  }
  const candidates = builders.filter((b) => b.timeCandidate && b.times.length > 0)
  return candidates.find((b) => TIME_NAMES.test(b.name)) ?? candidates[0] ?? null
}

function checkTimeOrder(time: Float64Array, lines: Int32Array, file: string, column: string): void {
  for (let i = 1; i < time.length; i++) {
    const prev = time[i - 1]!
    const cur = time[i]!
    if (cur === prev) {
      throw new UserFacingError(
        'duplicate-time',
        `${file}, line ${lines[i]}, column "${column}": timestamp ${new Date(cur).toISOString().slice(0, 19)} repeats line ${lines[i - 1]}. Each row needs its own time.`,
        { file, row: lines[i]!, column }
      )
    }
    if (cur < prev) {
      throw new UserFacingError(
        'unsorted-time',
        `${file}, line ${lines[i]}, column "${column}": time goes backwards (${new Date(cur).toISOString().slice(0, 10)} after ${new Date(prev).toISOString().slice(0, 10)}). Sort the file by time.`,
        { file, row: lines[i]!, column }
      )
    }
  }
}

import type { CodedMessage, ColumnSummary, DatasetSummary } from '../../../shared/domain'
import { analyseSteps } from './calendar'
import { timeLabel, type Table } from './table'

/** What the Data view shows about a table: columns, gaps, time range, warnings. */
export function summarizeTable(
  table: Table,
  id: string,
  extra: { attribution?: string } = {}
): DatasetSummary {
  const columns: ColumnSummary[] = table.columns.map((c) => {
    let min = Infinity
    let max = -Infinity
    let sum = 0
    let n = 0
    if (c.numeric) {
      for (const v of c.values) {
        if (Number.isNaN(v)) continue
        if (v < min) min = v
        if (v > max) max = v
        sum += v
        n += 1
      }
    }
    return {
      name: c.name,
      numeric: c.numeric,
      missing: c.missing,
      min: n ? min : null,
      max: n ? max : null,
      mean: n ? sum / n : null,
      ...(c.firstBad
        ? { problem: `line ${c.firstBad.line}: "${c.firstBad.text.slice(0, 40)}" is not a number` }
        : {})
    }
  })
  // Steps are counted against the series' calendar: a trading-day file skips weekends by design.
  const steps = table.time ? analyseSteps(table.time) : null
  const irregularSteps = steps?.irregularSteps ?? 0
  const notes = dataNotes(table, columns, steps)
  return {
    id,
    name: table.name,
    path: table.path,
    rows: table.rows,
    timeColumn: table.timeColumn,
    firstTime: table.time ? timeLabel(table, 0) : null,
    lastTime: table.time ? timeLabel(table, table.rows - 1) : null,
    columns,
    irregularSteps,
    warnings: notes.map((n) => n.message),
    notes,
    ...(extra.attribution ? { attribution: extra.attribution } : {})
  }
}

/**
 * The Data view's warnings, each with a code and the values it names so the
 * renderer can say it in the user's language (the English text is the fallback).
 */
function dataNotes(
  table: Table,
  columns: ColumnSummary[],
  steps: ReturnType<typeof analyseSteps>
): CodedMessage[] {
  const notes: CodedMessage[] = []
  const missing = columns.filter((c) => c.numeric && c.missing > 0)
  if (missing.length) {
    const list = missing.map((c) => `${c.name} (${c.missing})`).join(', ')
    notes.push({
      code: 'data-missing-values',
      message: `Missing values: ${list}. Windows that touch a gap are skipped unless you choose forward fill or interpolation.`,
      params: { columns: list }
    })
  }
  if (steps && steps.irregularSteps > 0) {
    const first = steps.breaks[0]!
    const params = {
      count: steps.irregularSteps,
      missing: steps.missingStamps,
      line: table.lines[first]!,
      time: timeLabel(table, first)
    }
    notes.push({
      code: steps.unit === 'business-day' ? 'data-gaps-business-days' : 'data-gaps',
      message:
        steps.unit === 'business-day'
          ? `Trading-day calendar (weekends skipped): ${params.count} step(s) skip weekdays, ${params.missing} weekday(s) in all (holidays?), the first at ${params.time} (line ${params.line}).`
          : `${params.count} time step(s) differ from the usual spacing, the first at ${params.time} (line ${params.line}): the series has gaps in time.`,
      params
    })
  }
  if (table.import?.sorted) {
    notes.push({
      code: 'data-sorted',
      message: 'The rows were not in time order; they were sorted by time.',
      params: {}
    })
  }
  if (table.import && table.import.mergedDuplicates > 0) {
    const params = {
      count: table.import.mergedDuplicates,
      policy: table.import.duplicates ?? 'last'
    }
    notes.push({
      code: params.policy === 'mean' ? 'data-duplicates-mean' : 'data-duplicates-last',
      message:
        params.policy === 'mean'
          ? `${params.count} row(s) repeated a timestamp; rows with the same time were averaged.`
          : `${params.count} row(s) repeated a timestamp; the last row of each time was kept.`,
      params
    })
  }
  if (table.import?.dateAmbiguous) {
    notes.push({
      code: 'data-date-ambiguous',
      message: `The dates read both day-first and month-first; they were read ${table.import.dateFormat === 'mdy' ? 'month-first' : 'day-first'}, which gives the more regular steps. Change the date format if that is wrong.`,
      params: { format: table.import.dateFormat ?? '' }
    })
  }
  const text = columns.filter((c) => !c.numeric)
  if (text.length) {
    const list = text.map((c) => c.name).join(', ')
    notes.push({
      code: 'data-text-columns',
      message: `Not numeric, so not usable as target or feature: ${list}.`,
      params: { columns: list }
    })
  }
  return notes
}

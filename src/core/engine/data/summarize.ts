import type { ColumnSummary, DatasetSummary } from '../../../shared/domain'
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
  const irregularSteps = table.time ? countIrregularSteps(table.time) : 0
  const warnings: string[] = []
  const missing = columns.filter((c) => c.numeric && c.missing > 0)
  if (missing.length) {
    warnings.push(
      `Missing values: ${missing.map((c) => `${c.name} (${c.missing})`).join(', ')}. Windows that touch a gap are skipped unless you choose forward fill or interpolation.`
    )
  }
  if (irregularSteps > 0) {
    warnings.push(
      `${irregularSteps} time step(s) differ from the usual spacing: the series has gaps in time.`
    )
  }
  const text = columns.filter((c) => !c.numeric)
  if (text.length) {
    warnings.push(
      `Not numeric, so not usable as target or feature: ${text.map((c) => c.name).join(', ')}.`
    )
  }
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
    warnings,
    ...(extra.attribution ? { attribution: extra.attribution } : {})
  }
}

/**
 * Steps that differ from the most common one. Calendar months vary in days,
 * so when every stamp is the same day of month the step is counted in months.
 */
export function countIrregularSteps(time: Float64Array): number {
  if (time.length < 3) return 0
  const first = new Date(time[0]!)
  let sameDay = true
  for (let i = 1; i < time.length && sameDay; i++) {
    const d = new Date(time[i]!)
    sameDay =
      d.getUTCDate() === first.getUTCDate() &&
      d.getUTCHours() === 0 &&
      d.getUTCMinutes() === 0 &&
      d.getUTCSeconds() === 0
  }
  const step = (i: number): number => {
    if (!sameDay) return time[i]! - time[i - 1]!
    const a = new Date(time[i - 1]!)
    const b = new Date(time[i]!)
    return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth())
  }
  const counts = new Map<number, number>()
  for (let i = 1; i < time.length; i++) counts.set(step(i), (counts.get(step(i)) ?? 0) + 1)
  const commonest = Math.max(...counts.values())
  return time.length - 1 - commonest
}

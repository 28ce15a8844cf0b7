import type { ImportOptions } from '../../../shared/data-import'
import { UserFacingError } from '../../errors'
import { where } from './import-messages'
import { checkOrder, groupByTime, mergeColumn } from './order'
import type { Table } from './table'

const isoDay = (ms: number, clock: boolean): string =>
  new Date(ms).toISOString().slice(0, clock ? 19 : 10)

/**
 * Rows out of time order or sharing a timestamp: refused with the first
 * offending line and what the user can choose (sort; keep the last or
 * average), or, when chosen, sorted (stable) and merged.
 */
export function reorderTable(
  table: Table,
  options: Pick<ImportOptions, 'sort' | 'duplicates'>
): Table {
  const time = table.time
  if (!time || !table.timeColumn) return table
  const report = checkOrder(time)
  const column = table.timeColumn
  const file = table.name
  if (report.firstBackward >= 0 && !options.sort) {
    const i = report.firstBackward
    throw new UserFacingError(
      'unsorted-time',
      `${where(file, table.lines[i]!, column)}: time goes backwards (${isoDay(time[i]!, table.timeHasClock)} after ${isoDay(time[i - 1]!, table.timeHasClock)}). Sort the rows by time (the Data view offers to).`,
      { file, row: table.lines[i]!, column }
    )
  }
  if (report.duplicates > 0 && !options.duplicates) {
    const i = report.firstDuplicate
    throw new UserFacingError(
      'duplicate-time',
      `${where(file, table.lines[i]!, column)}: timestamp ${isoDay(time[i]!, table.timeHasClock)} repeats (${report.duplicates} repeated in all). Each row needs its own time: keep the last row of each time or average them (the Data view offers both).`,
      { file, row: table.lines[i]!, column }
    )
  }
  if (report.firstBackward < 0 && report.duplicates === 0) return table
  const groups = groupByTime(time)
  const policy = options.duplicates ?? 'last'
  const lastOf = (g: Int32Array): number => g[g.length - 1]!
  return {
    ...table,
    rows: groups.length,
    time: Float64Array.from(groups, (g) => time[g[0]!]!),
    lines: Int32Array.from(groups, (g) => table.lines[lastOf(g)]!),
    columns: table.columns.map((c) => {
      const values = mergeColumn(c.values, groups, policy)
      let missing = 0
      for (const v of values) if (Number.isNaN(v)) missing += 1
      return { ...c, values, missing: c.numeric ? missing : c.missing }
    }),
    ...(table.import
      ? {
          import: {
            ...table.import,
            sorted: report.firstBackward >= 0,
            mergedDuplicates: report.duplicates,
            duplicates: report.duplicates > 0 ? policy : null
          }
        }
      : {})
  }
}

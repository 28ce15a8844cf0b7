import type { RowPage } from '../../../shared/row-page'
import { timeLabel, type Table } from './table'

/**
 * Rows start..start+count-1 of a parsed table (fewer past its end): each
 * row's time label as the engine writes it everywhere, and every column but
 * the time column, a missing cell as null.
 */
export function rowPage(table: Table, start: number, count: number): RowPage {
  const first = Math.min(start, table.rows)
  const n = Math.max(0, Math.min(count, table.rows - first))
  const rows = Array.from({ length: n }, (_, i) => first + i)
  return {
    start: first,
    count: n,
    rows: table.rows,
    timeColumn: table.timeColumn,
    time: rows.map((r) => timeLabel(table, r)),
    columns: table.columns
      .filter((c) => c.name !== table.timeColumn)
      .map((c) => ({
        name: c.name,
        numeric: c.numeric,
        values: rows.map((r) => {
          const v = c.values[r]!
          return Number.isNaN(v) ? null : v
        })
      }))
  }
}

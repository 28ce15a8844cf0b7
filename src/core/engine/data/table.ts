import type { ImportFacts } from '../../../shared/data-import'

/** A parsed CSV: numeric columns as Float64Array (NaN = missing) and an optional time axis. */
export interface Column {
  readonly name: string
  readonly values: Float64Array
  /** True when every non-missing cell parsed as a number. */
  readonly numeric: boolean
  readonly missing: number
  /** The first cell that is not a number, for error messages. */
  readonly firstBad: { readonly line: number; readonly text: string } | null
}

export interface Table {
  readonly name: string
  readonly path: string
  readonly rows: number
  /** Name of the time column, or null when rows are indexed by position. */
  readonly timeColumn: string | null
  /** Epoch milliseconds per row, or null when there is no time column. */
  readonly time: Float64Array | null
  /** Whether timestamps carry a time of day (affects formatting). */
  readonly timeHasClock: boolean
  readonly columns: readonly Column[]
  /** File line of each data row (1-based, header is line 1), for error messages. */
  readonly lines: Int32Array
  readonly delimiter: string
  /** How the file was read (absent for tables built in memory). */
  readonly import?: ImportFacts
}

export function getColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name)
}

/** Label of row i: its timestamp, or its index when there is no time column. */
export function timeLabel(table: Table, row: number): string {
  if (!table.time) return String(row)
  const ms = table.time[row]
  if (ms === undefined || Number.isNaN(ms)) return ''
  const iso = new Date(ms).toISOString()
  return table.timeHasClock ? iso : iso.slice(0, 10)
}

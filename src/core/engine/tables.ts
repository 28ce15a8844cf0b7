/**
 * CSV tables in the engine process, the only process that parses them: the
 * host asks for a summary (dataset-open) or a decimated series
 * (dataset-series), and training reads the same cached table. The last few
 * tables stay parsed; a file changed on disk since it was read is read again.
 */
import { stat } from 'node:fs/promises'
import type { DatasetSummary, Series } from '../../shared/domain'
import type { DatasetFile } from '../../shared/engine-protocol'
import { UserFacingError } from '../errors'
import { readCsv } from './data/csv-reader'
import { summarizeTable } from './data/summarize'
import { getColumn, timeLabel, type Table } from './data/table'

interface Cached {
  table: Table
  /** mtime and size when read: a different stamp means the file changed. */
  stamp: string
}

export class TableCache {
  /** Most recently used last. */
  private readonly entries = new Map<string, Cached>()

  constructor(private readonly capacity = 3) {}

  async get(file: DatasetFile): Promise<Table> {
    const stamp = await fileStamp(file.path)
    const key = this.cachedKey(file)
    const hit = this.entries.get(key)
    if (hit && hit.stamp === stamp) {
      this.touch(key, hit)
      return hit.table
    }
    const table = await readCsv(file.path, file.name, {
      ...(file.timeColumn === undefined ? {} : { timeColumn: file.timeColumn })
    })
    this.touch(key, { table, stamp })
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!)
    }
    return table
  }

  private touch(key: string, entry: Cached): void {
    this.entries.delete(key)
    this.entries.set(key, entry)
  }

  /** The file's key; a named time column that detection chose shares the detected table. */
  private cachedKey(file: DatasetFile): string {
    const key = this.keyOf(file)
    if (typeof file.timeColumn !== 'string' || this.entries.has(key)) return key
    const detected = this.keyOf({ path: file.path, name: file.name })
    return this.entries.get(detected)?.table.timeColumn === file.timeColumn ? detected : key
  }

  private keyOf(file: DatasetFile): string {
    const time = file.timeColumn === undefined ? '' : `=${String(file.timeColumn)}`
    return `${file.path}\0${file.name}\0${time}`
  }
}

async function fileStamp(path: string): Promise<string> {
  const info = await stat(path).catch(() => null)
  return info ? `${info.mtimeMs}:${info.size}` : 'missing'
}

/** Parse a dataset and describe it; `datasetId` is the host's id for it. */
export async function openDataset(
  tables: TableCache,
  file: DatasetFile,
  datasetId: string,
  extra: { attribution?: string } = {}
): Promise<DatasetSummary> {
  return summarizeTable(await tables.get(file), datasetId, extra)
}

/** Some columns of a dataset, decimated to about `maxPoints` rows for a chart. */
export async function datasetSeries(
  tables: TableCache,
  file: DatasetFile,
  columns: readonly string[],
  maxPoints: number
): Promise<Series> {
  const table = await tables.get(file)
  const picked = columns.map((name) => {
    const column = getColumn(table, name)
    if (!column) {
      throw new UserFacingError('unknown-column', `${table.name} has no column "${name}".`, {
        file: table.name,
        column: name
      })
    }
    return column
  })
  const rows = decimateRows(table.rows, picked[0]!.values, maxPoints)
  return {
    rows,
    time: rows.map((r) => timeLabel(table, r)),
    columns: Object.fromEntries(
      picked.map((c) => [
        c.name,
        rows.map((r) => (Number.isNaN(c.values[r]!) ? null : c.values[r]!))
      ])
    )
  }
}

/**
 * At most ~maxPoints rows for a chart, keeping each bucket's minimum and
 * maximum so that peaks survive decimation.
 */
export function decimateRows(rows: number, values: Float64Array, maxPoints: number): number[] {
  if (rows <= maxPoints) return Array.from({ length: rows }, (_, i) => i)
  const buckets = Math.max(1, Math.floor((maxPoints - 2) / 2))
  const size = rows / buckets
  const out: number[] = []
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size)
    const end = Math.min(rows, Math.floor((b + 1) * size))
    let lo = start
    let hi = start
    for (let i = start; i < end; i++) {
      const v = values[i]!
      if (Number.isNaN(v)) continue
      if (Number.isNaN(values[lo]!) || v < values[lo]!) lo = i
      if (Number.isNaN(values[hi]!) || v > values[hi]!) hi = i
    }
    if (lo === hi) out.push(lo)
    else out.push(Math.min(lo, hi), Math.max(lo, hi))
  }
  // The ends always show, so the chart spans the whole series.
  if (out[0] !== 0) out.unshift(0)
  if (out[out.length - 1] !== rows - 1) out.push(rows - 1)
  return out
}

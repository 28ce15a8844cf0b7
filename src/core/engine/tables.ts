/**
 * CSV tables in the engine process, the only process that parses them: the
 * host asks for a summary (dataset-open) or a decimated series
 * (dataset-series) or a page of rows (dataset-rows), and training reads the same cached table. The last few
 * tables stay parsed; a file changed on disk since it was read is read again.
 */
import { stat } from 'node:fs/promises'
import type { DatasetSummary, Series } from '../../shared/domain'
import type { DatasetFile } from '../../shared/engine-protocol'
import { UserFacingError } from '../errors'
import {
  InspectRequestSchema,
  type DatasetInspection,
  type InspectRequest
} from '../../shared/data-inspection'
import { readCsv } from './data/csv-reader'
import { inspectTable } from './data/inspect'
import { summarizeTable } from './data/summarize'
import { getColumn, timeLabel, type Table } from './data/table'
import { analyseSteps, gapRows, type TimeSteps } from './data/calendar'
import { lttbRows } from './data/lttb'
import { rowPage } from './data/row-page'
import type { RowPage, RowPageRequest } from '../../shared/row-page'

/** Progress and cancel for a read (a large file takes seconds). */
export interface ReadListeners {
  signal?: AbortSignal
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

interface Cached {
  table: Table
  /** mtime and size when read: a different stamp means the file changed. */
  stamp: string
}

export class TableCache {
  /** Most recently used last. */
  private readonly entries = new Map<string, Cached>()

  constructor(private readonly capacity = 3) {}

  async get(file: DatasetFile, reading: ReadListeners = {}): Promise<Table> {
    const stamp = await fileStamp(file.path)
    const key = this.cachedKey(file)
    const hit = this.entries.get(key)
    if (hit && hit.stamp === stamp) {
      this.touch(key, hit)
      return hit.table
    }
    const table = await readCsv(file.path, file.name, {
      ...file.import,
      ...(file.timeColumn === undefined ? {} : { timeColumn: file.timeColumn }),
      ...reading
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
    const detected = this.keyOf({
      path: file.path,
      name: file.name,
      ...(file.import ? { import: file.import } : {})
    })
    return this.entries.get(detected)?.table.timeColumn === file.timeColumn ? detected : key
  }

  private keyOf(file: DatasetFile): string {
    const time = file.timeColumn === undefined ? '' : `=${String(file.timeColumn)}`
    return `${file.path}\0${file.name}\0${time}\0${importKey(file.import)}`
  }
}

/** Import options as a key: the same options in any order read the same table. */
function importKey(options: DatasetFile['import']): string {
  if (!options) return ''
  const entries = Object.entries(options).filter(([, v]) => v !== undefined)
  return JSON.stringify(entries.sort(([a], [b]) => a.localeCompare(b)))
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
  extra: { attribution?: string } = {},
  reading: ReadListeners = {}
): Promise<DatasetSummary> {
  return summarizeTable(await tables.get(file, reading), datasetId, extra)
}

/** Statistics, autocorrelation, trend test, suggestions and window counts of a dataset. */
export async function inspectDataset(
  tables: TableCache,
  file: DatasetFile,
  config: InspectRequest
): Promise<DatasetInspection> {
  const request = InspectRequestSchema.parse(config)
  const table = await tables.get(file)
  return inspectTable(table, { ...request, split: { ...request.split, test: 0 } })
}

/** Most gap rows a series carries (its line breaks at each). */
export const MAX_SERIES_GAPS = 2000

/** The rows a series shows: all of them, or a zoomed chart's visible range. */
export interface SeriesRange {
  from?: number | undefined
  to?: number | undefined
}

/**
 * Some columns of a dataset over a range of rows, decimated by LTTB on the
 * first column to about `maxPoints` rows (a chart's pixel width), with the
 * rows where time jumps by more than the typical step.
 */
export async function datasetSeries(
  tables: TableCache,
  file: DatasetFile,
  columns: readonly string[],
  maxPoints: number,
  range: SeriesRange = {}
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
  const last = table.rows - 1
  const from = Math.min(Math.max(0, range.from ?? 0), Math.max(0, last))
  const to = Math.max(from, Math.min(last, range.to ?? last))
  const rows = lttbRows(picked[0]!.values, from, to, maxPoints)
  const steps = stepsOf(table)
  const gaps = table.time && steps ? gapRows(table.time, steps, from, to, MAX_SERIES_GAPS) : []
  return {
    rows,
    time: rows.map((r) => timeLabel(table, r)),
    columns: Object.fromEntries(
      picked.map((c) => [
        c.name,
        rows.map((r) => (Number.isNaN(c.values[r]!) ? null : c.values[r]!))
      ])
    ),
    ...(gaps.length > 0 ? { gaps } : {})
  }
}

/** A table's typical step, measured once per parsed table (zooming asks again and again). */
const stepsCache = new WeakMap<Table, TimeSteps | null>()
function stepsOf(table: Table): TimeSteps | null {
  if (!stepsCache.has(table)) stepsCache.set(table, table.time ? analyseSteps(table.time) : null)
  return stepsCache.get(table) ?? null
}

/** A page of rows for the Data view's table: time labels and every column's cells. */
export async function datasetRows(
  tables: TableCache,
  file: DatasetFile,
  page: RowPageRequest
): Promise<RowPage> {
  return rowPage(await tables.get(file), page.start, page.count)
}

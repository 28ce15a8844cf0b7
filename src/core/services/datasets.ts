import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { DatasetSummary, Series } from '../../shared/domain'
import { SAMPLE_DATASET } from '../../shared/sample'
import { readCsv } from '../engine/data/csv-reader'
import { summarizeTable } from '../engine/data/summarize'
import { getColumn, timeLabel, type Table } from '../engine/data/table'
import { writeFileAtomic, writeJsonAtomic } from '../runs/atomic-write'
import { FORMATS } from '../runs/schema'
import { UserFacingError } from '../errors'

const RECENT_MAX = 10
const CACHED_TABLES = 3

interface Entry {
  summary: DatasetSummary
  /** Parsed tables by time-column choice ('' = detected). */
  tables: Map<string, Table>
}

/**
 * Opened datasets by id. Summaries stay for the session; parsed tables are
 * kept for the last few only (they can be large) and re-read on demand.
 */
export class DatasetService {
  private readonly entries = new Map<string, Entry>()
  private readonly tableOrder: string[] = []

  constructor(
    private readonly workspaceDir: string,
    private readonly samplesDir: string
  ) {}

  async openSample(): Promise<DatasetSummary> {
    return this.open(join(this.samplesDir, SAMPLE_DATASET.file), SAMPLE_DATASET.name, {
      attribution: SAMPLE_DATASET.attribution
    })
  }

  async openPath(path: string): Promise<DatasetSummary> {
    const absolute = resolve(path)
    const summary = await this.open(absolute)
    await this.remember(absolute)
    return summary
  }

  /** Browser mode: keep the uploaded text as a file in the workspace, then open it like any file. */
  async upload(name: string, text: string): Promise<DatasetSummary> {
    const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'upload.csv'
    const digest = createHash('sha256').update(text).digest('hex').slice(0, 12)
    const path = join(this.workspaceDir, 'datasets', `${digest}-${safe}`)
    await writeFileAtomic(path, text)
    return this.open(path, name)
  }

  async recent(): Promise<string[]> {
    try {
      const parsed = JSON.parse(await readFile(this.recentPath(), 'utf8')) as unknown
      // v1 was a bare array; since then { format, files }.
      const files = Array.isArray(parsed) ? parsed : (parsed as { files?: unknown }).files
      return Array.isArray(files) ? files.filter((p): p is string => typeof p === 'string') : []
    } catch {
      return []
    }
  }

  get(id: string): DatasetSummary {
    const entry = this.entries.get(id)
    if (!entry) {
      throw new UserFacingError('unknown-dataset', 'That dataset is no longer open; open it again.')
    }
    return entry.summary
  }

  async series(
    id: string,
    columns: string[],
    maxPoints: number,
    timeColumn?: string | null
  ): Promise<Series> {
    const table = await this.table(id, timeColumn)
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

  private async open(
    path: string,
    name?: string,
    extra: { attribution?: string } = {}
  ): Promise<DatasetSummary> {
    const info = await stat(path).catch(() => null)
    const id = createHash('sha256')
      .update(`${path}\0${info?.mtimeMs ?? 0}\0${info?.size ?? 0}`)
      .digest('hex')
      .slice(0, 16)
    const table = await readCsv(path, name)
    const summary = summarizeTable(table, id, extra)
    this.entries.set(id, { summary, tables: new Map([['', table]]) })
    this.keepTable(id)
    return summary
  }

  private async table(id: string, timeColumn?: string | null): Promise<Table> {
    const entry = this.entries.get(id)
    if (!entry) {
      throw new UserFacingError('unknown-dataset', 'That dataset is no longer open; open it again.')
    }
    const key =
      timeColumn === undefined || timeColumn === entry.summary.timeColumn ? '' : `=${timeColumn}`
    let table = entry.tables.get(key)
    if (!table) {
      table = await readCsv(entry.summary.path, entry.summary.name, {
        ...(key === '' ? {} : { timeColumn })
      })
      entry.tables.set(key, table)
    }
    this.keepTable(id)
    return table
  }

  private keepTable(id: string): void {
    const at = this.tableOrder.indexOf(id)
    if (at >= 0) this.tableOrder.splice(at, 1)
    this.tableOrder.push(id)
    while (this.tableOrder.length > CACHED_TABLES) {
      const evicted = this.entries.get(this.tableOrder.shift()!)
      if (evicted) evicted.tables.clear()
    }
  }

  private recentPath(): string {
    return join(this.workspaceDir, 'recent.json')
  }

  private async remember(path: string): Promise<void> {
    const list = [path, ...(await this.recent()).filter((p) => p !== path)].slice(0, RECENT_MAX)
    await writeJsonAtomic(this.recentPath(), { format: FORMATS.workspace, files: list })
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

import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { ImportOptions } from '../../shared/data-import'
import type { DatasetInspection, InspectRequest } from '../../shared/data-inspection'
import type { DatasetSummary, Series } from '../../shared/domain'
import type { ReadProgress } from '../../shared/ipc-contract'
import type { DatasetFile } from '../../shared/engine-protocol'
import type { RowPage, RowPageRequest } from '../../shared/row-page'
import { SAMPLE_DATASET } from '../../shared/sample'
import { writeFileAtomic, writeJsonAtomic } from '../runs/atomic-write'
import { FORMATS } from '../runs/schema'
import type { EngineClient } from './engine-client'
import { toUserError, UserFacingError } from '../errors'
import { UploadStore } from './uploads'

const RECENT_MAX = 10

/** Refusals the user can fix by re-reading with an option (sort, merge repeated stamps). */
const FIXABLE_BY_REREAD = new Set(['unsorted-time', 'duplicate-time'])

/** A refusal the Data view can fix in place: it carries the id to re-read. */
function offerReread(error: unknown, datasetId: string): unknown {
  const e = toUserError(error)
  if (!FIXABLE_BY_REREAD.has(e.code)) return error
  const { code, message, params, ...where } = e
  return new UserFacingError(code, message, { ...where, params: { ...params, datasetId } })
}

/**
 * Opened datasets by id: their summaries and where they are. The files are
 * parsed only in the engine process (which keeps the last few tables), so
 * the host — Electron's main process, the bridge, the CLI — never parses one.
 */
export class DatasetService {
  private readonly summaries = new Map<string, DatasetSummary>()
  /** How each open dataset is read (the user's overrides of what was detected). */
  private readonly imports = new Map<string, ImportOptions>()
  /** Every file asked for, opened or not: a file refused as unsorted can be re-read sorted. */
  private readonly files = new Map<string, { path: string; name: string; attribution?: string }>()

  /** The engine request reading a file now, for cancel. */
  private reading: string | null = null
  /** Opens (and uploads) in flight, and whether the user asked to stop them. */
  private opening = 0
  private cancelRequested = false
  private readonly uploads: UploadStore

  constructor(
    private readonly workspaceDir: string,
    private readonly samplesDir: string,
    private readonly engine: EngineClient,
    private readonly onProgress: (progress: ReadProgress) => void = () => {}
  ) {
    this.uploads = new UploadStore(join(workspaceDir, 'datasets'))
  }

  /**
   * Stop reading the file being opened. Its open fails with 'cancelled' and
   * nothing else changes: the dataset open before stays open.
   */
  async cancelOpen(): Promise<{ cancelled: boolean }> {
    // A chunked upload still arriving: drop it (its temp file goes too).
    if (await this.uploads.cancelAll()) return { cancelled: true }
    const id = this.reading
    if (id !== null) return { cancelled: await this.engine.cancel(id) }
    // Still receiving or writing the upload: stop the read as soon as it starts.
    if (this.opening > 0) this.cancelRequested = true
    return { cancelled: this.opening > 0 }
  }

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
    this.opening += 1
    try {
      await writeFileAtomic(path, text)
      return await this.open(path, name)
    } finally {
      this.settle()
    }
  }

  /** Browser mode's chunked upload (src/shared/upload.ts): start, chunks in order, finish. */
  uploadStart(name: string, size: number): Promise<{ uploadId: string }> {
    return this.uploads.start(name, size)
  }

  uploadChunk(uploadId: string, offset: number, data: string): Promise<{ received: number }> {
    return this.uploads.chunk(uploadId, offset, data)
  }

  /** The whole file has arrived: keep it in the workspace and open it like any file. */
  async uploadFinish(uploadId: string): Promise<DatasetSummary> {
    this.opening += 1
    try {
      const { path, name } = await this.uploads.finish(uploadId)
      return await this.open(path, name)
    } finally {
      this.settle()
    }
  }

  /** One open fewer in flight; with none left, a pending cancel has nothing to stop. */
  private settle(): void {
    this.opening -= 1
    if (this.opening === 0) this.cancelRequested = false
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
    const summary = this.summaries.get(id)
    if (!summary) {
      throw new UserFacingError('unknown-dataset', 'That dataset is no longer open; open it again.')
    }
    return summary
  }

  /** The import options a dataset was opened with (training reads the file the same way). */
  importOf(id: string): ImportOptions | undefined {
    this.get(id)
    return this.imports.get(id)
  }

  /**
   * Read an open dataset again with other import options (a delimiter, date
   * format, sorting…): a new id and summary. The previous one stays open, so
   * a failed re-read leaves the user where they were.
   */
  async reread(id: string, options: ImportOptions): Promise<DatasetSummary> {
    const file = this.files.get(id)
    if (!file) {
      throw new UserFacingError('unknown-dataset', 'That dataset is no longer open; open it again.')
    }
    // Later choices add to earlier ones (sorted, then duplicates merged).
    const merged = { ...this.imports.get(id), ...options }
    return this.open(
      file.path,
      file.name,
      file.attribution === undefined ? {} : { attribution: file.attribution },
      merged
    )
  }

  /** Statistics, ACF, trend and window counts, computed in the engine. */
  inspect(
    id: string,
    request: InspectRequest,
    timeColumn?: string | null
  ): Promise<DatasetInspection> {
    return this.engine.inspectDataset(this.fileOf(id, timeColumn), request)
  }

  private fileOf(id: string, timeColumn?: string | null): DatasetFile {
    const summary = this.get(id)
    // The detected time column and no choice at all read the same table.
    const time = timeColumn === undefined || timeColumn === summary.timeColumn ? {} : { timeColumn }
    const options = this.imports.get(id)
    return {
      path: summary.path,
      name: summary.name,
      ...time,
      ...(options ? { import: options } : {})
    }
  }

  series(
    id: string,
    columns: string[],
    maxPoints: number,
    timeColumn?: string | null,
    range: { from?: number | undefined; to?: number | undefined } = {}
  ): Promise<Series> {
    return this.engine.datasetSeries(this.fileOf(id, timeColumn), columns, maxPoints, range)
  }

  /** A page of rows for the table, read from the engine's cached table. */
  rows(id: string, page: RowPageRequest, timeColumn?: string | null): Promise<RowPage> {
    return this.engine.datasetRows(this.fileOf(id, timeColumn), page)
  }

  private async open(
    path: string,
    name?: string,
    extra: { attribution?: string } = {},
    options?: ImportOptions
  ): Promise<DatasetSummary> {
    const info = await stat(path).catch(() => null)
    const optionsKey = options ? JSON.stringify(options) : ''
    const id = createHash('sha256')
      .update(`${path}\0${info?.mtimeMs ?? 0}\0${info?.size ?? 0}\0${optionsKey}`)
      .digest('hex')
      .slice(0, 16)
    const file: DatasetFile = {
      path,
      name: name ?? basename(path),
      ...(options ? { import: options } : {})
    }
    this.files.set(id, { path, name: file.name, ...extra })
    if (options) this.imports.set(id, options)
    let summary: DatasetSummary
    this.opening += 1
    try {
      summary = await this.engine.openDataset(file, id, extra.attribution, {
        onStarted: (requestId) => {
          this.reading = requestId
          if (this.cancelRequested) void this.engine.cancel(requestId)
        },
        onProgress: (done, total) => this.onProgress({ name: file.name, done, total })
      })
    } catch (error) {
      throw offerReread(error, id)
    } finally {
      this.reading = null
      this.settle()
    }
    this.summaries.set(id, summary)
    return summary
  }

  private recentPath(): string {
    return join(this.workspaceDir, 'recent.json')
  }

  private async remember(path: string): Promise<void> {
    const list = [path, ...(await this.recent()).filter((p) => p !== path)].slice(0, RECENT_MAX)
    await writeJsonAtomic(this.recentPath(), { format: FORMATS.workspace, files: list })
  }
}

import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import type { DatasetSummary, Series } from '../../shared/domain'
import type { DatasetFile } from '../../shared/engine-protocol'
import { SAMPLE_DATASET } from '../../shared/sample'
import { writeFileAtomic, writeJsonAtomic } from '../runs/atomic-write'
import { FORMATS } from '../runs/schema'
import type { EngineClient } from './engine-client'
import { UserFacingError } from '../errors'

const RECENT_MAX = 10

/**
 * Opened datasets by id: their summaries and where they are. The files are
 * parsed only in the engine process (which keeps the last few tables), so
 * the host — Electron's main process, the bridge, the CLI — never parses one.
 */
export class DatasetService {
  private readonly summaries = new Map<string, DatasetSummary>()

  constructor(
    private readonly workspaceDir: string,
    private readonly samplesDir: string,
    private readonly engine: EngineClient
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
    const summary = this.summaries.get(id)
    if (!summary) {
      throw new UserFacingError('unknown-dataset', 'That dataset is no longer open; open it again.')
    }
    return summary
  }

  series(
    id: string,
    columns: string[],
    maxPoints: number,
    timeColumn?: string | null
  ): Promise<Series> {
    const summary = this.get(id)
    // The detected time column and no choice at all read the same table.
    const time = timeColumn === undefined || timeColumn === summary.timeColumn ? {} : { timeColumn }
    return this.engine.datasetSeries(
      { path: summary.path, name: summary.name, ...time },
      columns,
      maxPoints
    )
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
    const file: DatasetFile = { path, name: name ?? basename(path) }
    const summary = await this.engine.openDataset(file, id, extra.attribution)
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

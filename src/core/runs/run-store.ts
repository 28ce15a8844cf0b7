import { randomBytes } from 'node:crypto'
import { appendFile, mkdir, readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  EpochRecordSchema,
  RunSummarySchema,
  type EpochRecord,
  type Predictions,
  type RunDetail,
  type RunSummary
} from '../../shared/domain'
import type { OutputMap } from '../engine/data/output-map'
import type { ScalerParams } from '../engine/data/scaler'
import { writeFileAtomic, writeJsonAtomic } from './atomic-write'

/** run.json: the summary the UI lists plus what is needed to reuse the model. */
export interface RunFile extends RunSummary {
  scaler: ScalerParams | null
  /** How model outputs map to forecasts (absent in runs from before target modes). */
  output?: OutputMap | null
  /** Model input columns in order (target first). */
  columns: string[]
}

/** What the UI sees of a run: run.json without the model-reuse internals. */
export function toRunSummary(run: RunFile): RunSummary {
  const { scaler: _scaler, output: _output, columns: _columns, ...summary } = run
  return summary
}

export const RUN_JSON = 'run.json'
export const HISTORY_JSONL = 'history.jsonl'
export const PREDICTIONS_CSV = 'predictions.csv'
export const MODEL_DIR = 'model'

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace('Z', '')
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

export function runsDir(workspaceDir: string): string {
  return join(workspaceDir, 'runs')
}

export async function writeRunFile(dir: string, run: RunFile): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeJsonAtomic(join(dir, RUN_JSON), run)
}

export async function readRunFile(dir: string): Promise<RunFile> {
  const raw = JSON.parse(await readFile(join(dir, RUN_JSON), 'utf8')) as RunFile
  const summary = RunSummarySchema.parse(raw)
  return {
    ...summary,
    scaler: raw.scaler ?? null,
    output: raw.output ?? null,
    columns: raw.columns ?? []
  }
}

/** One line per epoch; a line torn by a crash is ignored when reading. */
export async function appendHistory(dir: string, record: EpochRecord): Promise<void> {
  await appendFile(join(dir, HISTORY_JSONL), `${JSON.stringify(record)}\n`)
}

export async function readHistory(dir: string): Promise<EpochRecord[]> {
  const text = await readFile(join(dir, HISTORY_JSONL), 'utf8').catch(() => '')
  const out: EpochRecord[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      out.push(EpochRecordSchema.parse(JSON.parse(line)))
    } catch {
      // A torn last line after a crash: everything before it is still good.
    }
  }
  return out
}

export async function writePredictions(dir: string, p: Predictions): Promise<void> {
  const lines = ['time,actual,predicted,naive']
  for (let i = 0; i < p.time.length; i++) {
    lines.push(`${p.time[i]},${p.actual[i]},${p.predicted[i]},${p.naive[i]}`)
  }
  await writeFileAtomic(join(dir, PREDICTIONS_CSV), `${lines.join('\n')}\n`)
}

export async function readPredictions(dir: string): Promise<Predictions | null> {
  const text = await readFile(join(dir, PREDICTIONS_CSV), 'utf8').catch(() => null)
  if (text === null) return null
  const p: Predictions = { time: [], actual: [], predicted: [], naive: [] }
  for (const line of text.split('\n').slice(1)) {
    if (!line) continue
    const [time, actual, predicted, naive] = line.split(',')
    p.time.push(time ?? '')
    p.actual.push(Number(actual))
    p.predicted.push(Number(predicted))
    p.naive.push(Number(naive))
  }
  return p
}

export async function readRunDetail(dir: string): Promise<RunDetail> {
  const run = await readRunFile(dir)
  const summary = RunSummarySchema.parse(run)
  return { summary, history: await readHistory(dir), predictions: await readPredictions(dir) }
}

/** Every readable run, newest first; unreadable folders are skipped, never fatal. */
export async function listRuns(workspaceDir: string): Promise<RunFile[]> {
  const root = runsDir(workspaceDir)
  const names = await readdir(root).catch(() => [] as string[])
  const runs: RunFile[] = []
  for (const name of names) {
    // Hidden folders are imports being unpacked and deletions under way, not runs.
    if (name.startsWith('.')) continue
    try {
      runs.push(await readRunFile(join(root, name)))
    } catch {
      // Not a run folder, or run.json unreadable: leave it alone.
    }
  }
  return runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/**
 * After a crash or restart, runs still marked 'running' are not running:
 * mark them interrupted, keeping everything they wrote.
 */
export async function markInterruptedRuns(workspaceDir: string): Promise<number> {
  let count = 0
  for (const run of await listRuns(workspaceDir)) {
    if (run.status !== 'running') continue
    const history = await readHistory(run.dir)
    await writeRunFile(run.dir, {
      ...run,
      status: 'interrupted',
      epochsRun: history.length,
      message: `Interrupted after ${history.length} epoch(s): the app or engine stopped while training. History so far was kept.`
    })
    count += 1
  }
  return count
}

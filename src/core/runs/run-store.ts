import { randomBytes } from 'node:crypto'
import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import {
  EpochRecordSchema,
  RunSummarySchema,
  type EpochRecord,
  type IntervalEvaluation,
  type Predictions,
  type RunDetail,
  type RunSummary
} from '../../shared/domain'
import { halfWidthAtHorizon } from '../../shared/forecast-facts'
import type { OutputMap } from '../engine/data/output-map'
import type { ScalerParams } from '../engine/data/scaler'
import { UserFacingError } from '../errors'
import { writeFileAtomic, writeJsonAtomic } from './atomic-write'
import { HISTORY_JSONL, PREDICTIONS_CSV, RUN_JSON } from './layout'
import { inspectRun } from './run-health'
import { FORMATS, unreadableFormat } from './schema'
import { storageError } from './storage-error'

/** run.json: the summary the UI lists plus what is needed to reuse the model. */
export interface RunFile extends RunSummary {
  /** Schema version (FORMATS.run); absent in version 1. */
  format?: string
  scaler: ScalerParams | null
  /** How model outputs map to forecasts (absent in runs from before target modes). */
  output?: OutputMap | null
  /** Model input columns in order (target first). */
  columns: string[]
  /**
   * The network sees the target relative to the window's last value (change
   * models since #10, see engine/model/network-input.ts); absent: absolute.
   */
  relativeTarget?: boolean
}

/** What the UI sees of a run: run.json without the model-reuse internals. */
export function toRunSummary(run: RunFile): RunSummary {
  const {
    scaler: _scaler,
    output: _output,
    columns: _columns,
    format: _format,
    relativeTarget: _relative,
    ...summary
  } = run
  return summary
}

export { HISTORY_JSONL, MODEL_DIR, PREDICTIONS_CSV, RUN_JSON } from './layout'

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').replace('Z', '')
  return `${stamp}-${randomBytes(3).toString('hex')}`
}

export function runsDir(workspaceDir: string): string {
  return join(workspaceDir, 'runs')
}

/** run.json, in the current format; what is found on reading (damage, checkpoints) is not stored. */
export async function writeRunFile(dir: string, run: RunFile): Promise<void> {
  const { damage: _damage, checkpoint: _checkpoint, ...stored } = run
  await mkdir(dir, { recursive: true }).catch((error: unknown) => {
    throw storageError(dir, error)
  })
  await writeJsonAtomic(join(dir, RUN_JSON), { ...stored, dir, format: FORMATS.run })
}

/**
 * run.json of the run in `dir`, migrated to the current format. The run's
 * location is `dir`, where it was found, whatever its `dir` field says (a
 * moved or hand-edited folder must never send writes elsewhere).
 */
export async function readRunFile(dir: string): Promise<RunFile> {
  const path = join(dir, RUN_JSON)
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new UserFacingError('unknown-run', `There is no run in ${dir} (no ${RUN_JSON}).`)
    }
    throw new UserFacingError('damaged-run', `${path} cannot be read.`, { file: path })
  })
  let raw: Partial<RunFile>
  try {
    raw = JSON.parse(text) as Partial<RunFile>
  } catch {
    throw new UserFacingError('damaged-run', `${path} is not valid JSON (truncated?).`, {
      file: path
    })
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UserFacingError('damaged-run', `${path} does not hold a run.`, { file: path })
  }
  const unreadable = unreadableFormat('run', raw.format, RUN_JSON)
  if (unreadable) throw new UserFacingError('damaged-run', unreadable, { file: path })
  const parsed = RunSummarySchema.safeParse({ ...withOldDefaults(raw), dir: resolve(dir) })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : ''
    throw new UserFacingError(
      'damaged-run',
      `${RUN_JSON} is damaged${where}: ${issue?.message ?? 'invalid'}.`,
      { file: path }
    )
  }
  const { damage: _damage, checkpoint: _checkpoint, ...summary } = parsed.data
  return {
    ...summary,
    format: FORMATS.run,
    scaler: raw.scaler ?? null,
    output: raw.output ?? null,
    columns: raw.columns ?? [],
    ...(raw.relativeTarget === true ? { relativeTarget: true } : {})
  }
}

/**
 * Settings whose default changed since older runs were written: such a run
 * keeps what it was trained with (level targets, no early stopping), not
 * today's defaults.
 */
function withOldDefaults(raw: Partial<RunFile>): Partial<RunFile> {
  const data = raw.data as Record<string, unknown> | undefined
  const model = raw.model as Record<string, unknown> | undefined
  return {
    ...raw,
    ...(data && typeof data === 'object' && data['targetMode'] === undefined
      ? { data: { ...data, targetMode: 'level' } as RunFile['data'] }
      : {}),
    ...(model && typeof model === 'object' && model['earlyStopping'] === undefined
      ? {
          model: {
            ...model,
            earlyStopping: { enabled: false, patience: 10, restoreBestWeights: true }
          } as RunFile['model']
        }
      : {})
  }
}

/**
 * One line per epoch, each naming its format (so every line stands alone for
 * line-oriented readers); a line torn by a crash is ignored when reading.
 */
export async function appendHistory(dir: string, record: EpochRecord): Promise<void> {
  const path = join(dir, HISTORY_JSONL)
  await appendFile(path, historyLine(record)).catch((error: unknown) => {
    throw storageError(path, error)
  })
}

/** Replace the history with these records (resuming drops epochs after the checkpoint). */
export async function writeHistory(dir: string, records: EpochRecord[]): Promise<void> {
  await writeFileAtomic(join(dir, HISTORY_JSONL), records.map(historyLine).join(''))
}

function historyLine(record: EpochRecord): string {
  return `${JSON.stringify({ format: FORMATS.history, ...record })}\n`
}

export async function readHistory(dir: string): Promise<EpochRecord[]> {
  const text = await readFile(join(dir, HISTORY_JSONL), 'utf8').catch(() => '')
  const out: EpochRecord[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      const value = JSON.parse(line) as { format?: unknown }
      // v1 lines have no format; a newer one is refused rather than misread.
      const unreadable = unreadableFormat('history', value.format, HISTORY_JSONL)
      if (unreadable) throw new UserFacingError('damaged-run', unreadable)
      out.push(EpochRecordSchema.parse(value))
    } catch (error) {
      if (error instanceof UserFacingError) throw error
      // A torn last line after a crash: everything before it is still good.
    }
  }
  return out
}

/**
 * predictions.csv: one row per test window at step H; a multi-step run adds
 * `time_k,actual_k,predicted_k` for every step k = 1..H (the window's path).
 * A run with calibrated intervals then adds, per level L in percent,
 * `lower_L,upper_L` around `predicted` (step H) and, for a multi-step run,
 * `lower_L_k,upper_L_k` around `predicted_k`, in original units. They come
 * last so readers of the earlier columns (and older runs) are unaffected.
 */
export async function writePredictions(
  dir: string,
  p: Predictions,
  intervals: readonly IntervalEvaluation[] = []
): Promise<void> {
  const steps = p.path ? (p.steps ?? 0) : 0
  const header = ['time', 'actual', 'predicted', 'naive']
  for (let k = 1; k <= steps; k++) header.push(`time_${k}`, `actual_${k}`, `predicted_${k}`)
  for (const iv of intervals) {
    const L = levelName(iv.level)
    header.push(`lower_${L}`, `upper_${L}`)
    for (let k = 1; k <= steps; k++) header.push(`lower_${L}_${k}`, `upper_${L}_${k}`)
  }
  const lines = [header.join(',')]
  for (let i = 0; i < p.time.length; i++) {
    const cells = [p.time[i], p.actual[i], p.predicted[i], p.naive[i]]
    for (let k = 0; k < steps; k++) {
      cells.push(p.pathTime?.[i]?.[k], p.pathActual?.[i]?.[k], p.path?.[i]?.[k])
    }
    for (const iv of intervals) {
      const atH = halfWidthAtHorizon(iv)
      cells.push(p.predicted[i]! - atH, p.predicted[i]! + atH)
      for (let k = 0; k < steps; k++) {
        const v = p.path?.[i]?.[k] ?? NaN
        const w = iv.halfWidth[k] ?? NaN
        cells.push(v - w, v + w)
      }
    }
    lines.push(cells.join(','))
  }
  await writeFileAtomic(join(dir, PREDICTIONS_CSV), `${lines.join('\n')}\n`)
}

/** 0.8 → "80", 0.975 → "97.5": a level as the percent a column is named by. */
function levelName(level: number): string {
  return String(Math.round(level * 1e4) / 100)
}

export async function readPredictions(dir: string): Promise<Predictions | null> {
  const text = await readFile(join(dir, PREDICTIONS_CSV), 'utf8').catch(() => null)
  if (text === null) return null
  const [head = '', ...rows] = text.split('\n')
  // Runs from before multi-step forecasts have the first four columns only.
  const steps = head.split(',').filter((c) => c.startsWith('predicted_')).length
  const p: Predictions = { time: [], actual: [], predicted: [], naive: [] }
  const path: number[][] = []
  const pathTime: string[][] = []
  const pathActual: number[][] = []
  for (const line of rows) {
    if (!line) continue
    const [time, actual, predicted, naive, ...rest] = line.split(',')
    p.time.push(time ?? '')
    p.actual.push(Number(actual))
    p.predicted.push(Number(predicted))
    p.naive.push(Number(naive))
    if (steps === 0) continue
    pathTime.push(Array.from({ length: steps }, (_, k) => rest[3 * k] ?? ''))
    pathActual.push(Array.from({ length: steps }, (_, k) => Number(rest[3 * k + 1])))
    path.push(Array.from({ length: steps }, (_, k) => Number(rest[3 * k + 2])))
  }
  return steps === 0 ? p : { ...p, steps, path, pathTime, pathActual }
}

export async function readRunDetail(dir: string): Promise<RunDetail> {
  const run = await readRunFile(dir)
  const summary = { ...toRunSummary(run), ...(await inspectRun(dir, run)) }
  return { summary, history: await readHistory(dir), predictions: await readPredictions(dir) }
}

import type { DataConfig } from '../../shared/data-config'
import type { DatasetSummary, RunSummary } from '../../shared/domain'
import type { EventPayload, EventChannel } from '../../shared/ipc-contract'
import type { ModelConfig } from '../../shared/model-config'
import type { TrainJob } from '../../shared/engine-protocol'
import {
  newRunId,
  readHistory,
  readRunFile,
  toRunSummary,
  writeRunFile,
  type RunFile
} from '../runs/run-store'
import { checkpointInfo } from '../runs/checkpoint'
import { inspectRun } from '../runs/run-health'
import { initialRunFile } from '../runs/initial-run'
import type { EngineClient } from './engine-client'
import { toUserError, UserFacingError } from '../errors'

type Emit = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void

/** Starts and cancels training in the engine, and turns its events into contract events. */
export class TrainingService {
  private active: { runId: string; requestId: string | null; cancelRequested: boolean } | null =
    null

  constructor(
    private readonly runDirOf: (runId: string) => string,
    private readonly engine: EngineClient,
    private readonly emit: Emit
  ) {}

  start(dataset: DatasetSummary, data: DataConfig, model: ModelConfig): { runId: string } {
    this.checkIdle()
    checkColumns(dataset, data)
    const runId = newRunId()
    void this.launch({
      runId,
      runDir: this.runDirOf(runId),
      dataset: { name: dataset.name, path: dataset.path },
      data,
      model
    }).catch(() => undefined)
    return { runId }
  }

  /**
   * Continue an unfinished run in its own folder: from its last checkpoint
   * ('last', answered at once; events follow as for start) or by keeping its
   * best weights ('best', answered with the run once evaluated).
   */
  async resume(runId: string, mode: 'last' | 'best'): Promise<RunSummary> {
    this.checkIdle()
    const runDir = this.runDirOf(runId)
    const run = await readRunFile(runDir)
    if (run.status === 'running' || run.status === 'done') {
      throw new UserFacingError(
        'not-resumable',
        run.status === 'done'
          ? `Run ${runId} finished; there is nothing to resume.`
          : `Run ${runId} is still training.`
      )
    }
    if (!(await checkpointInfo(runDir))) {
      throw new UserFacingError(
        'no-checkpoint',
        `Run ${runId} has no checkpoint: it stopped before its first epoch ended, or was trained by a version without checkpoints.`
      )
    }
    this.checkIdle()
    const job: TrainJob = {
      runId,
      runDir,
      dataset: run.dataset,
      data: run.data,
      model: run.model,
      resume: mode
    }
    const done = this.launch(job)
    if (mode === 'best') return done
    done.catch(() => undefined)
    return toRunSummary({ ...run, status: 'running' })
  }

  private checkIdle(): void {
    if (this.active) {
      throw new UserFacingError(
        'busy',
        'A training run is already in progress; cancel it or wait for it to finish.'
      )
    }
  }

  /** Train in the engine, with events; resolves with the run as it ended. */
  private launch(job: TrainJob): Promise<RunSummary> {
    const active = { runId: job.runId, requestId: null as string | null, cancelRequested: false }
    this.active = active
    return this.engine
      .train(job, {
        onStarted: (id) => {
          active.requestId = id
        },
        onProgress: (p) => this.emit('train:progress', p),
        onEpoch: (e) => this.emit('train:epoch', e)
      })
      .then(
        (summary) => {
          this.emit('train:finished', summary)
          return summary
        },
        async (error: unknown) => {
          this.emit('train:finished', await failedSummary(job, error))
          throw error
        }
      )
      .finally(() => {
        if (this.active === active) this.active = null
      })
  }

  async cancel(runId: string): Promise<{ cancelled: boolean }> {
    const active = this.active
    if (!active || active.runId !== runId || !active.requestId) return { cancelled: false }
    active.cancelRequested = true
    return { cancelled: await this.engine.cancel(active.requestId) }
  }
}

/**
 * The run as it ended badly; if the engine died before saying so, say it here:
 * a crashed engine leaves the run interrupted, with the history it wrote.
 */
async function failedSummary(job: TrainJob, error: unknown): Promise<RunSummary> {
  const e = toUserError(error)
  const run = await readRunFile(job.runDir).catch(() => initialRunFile(job, null))
  const history = await readHistory(job.runDir)
  // A run the engine never started (a refused resume) keeps the status it has on disk.
  const ended = run.status === 'running'
  const updated: RunFile = {
    ...run,
    status: ended ? (e.code === 'engine-crashed' ? 'interrupted' : 'failed') : run.status,
    message: e.message,
    epochsRun: ended ? history.length : run.epochsRun
  }
  if (ended) await writeRunFile(job.runDir, updated).catch(() => undefined)
  // With its checkpoints, so the app can offer to resume at once.
  return { ...toRunSummary(updated), ...(await inspectRun(job.runDir, updated)) }
}

/** Fail fast, next to the field, for choices the dataset cannot satisfy. */
function checkColumns(dataset: DatasetSummary, data: DataConfig): void {
  for (const name of [data.target, ...data.features]) {
    const column = dataset.columns.find((c) => c.name === name)
    if (!column) {
      // Worded as the engine words it (data/prepare.ts), so either side reads the same.
      const time = name === dataset.timeColumn ? ' (it is the time column)' : ''
      const known = dataset.columns.map((c) => c.name).join(', ')
      throw new UserFacingError(
        'unknown-column',
        `${dataset.name} has no column "${name}"${time}. Columns: ${known}.`,
        { file: dataset.name, column: name }
      )
    }
    if (!column.numeric) {
      throw new UserFacingError(
        'non-numeric',
        `${dataset.name}, column "${name}" is not numeric (${column.problem ?? 'no values'}).`,
        { file: dataset.name, column: name }
      )
    }
  }
}

import {
  EngineRequestSchema,
  type EngineEvent,
  type EngineRequest,
  type EngineResult,
  type EngineStatus
} from '../../shared/engine-protocol'
import type { ExplanationRecord } from '../../shared/explanation'
import type { BackendReport } from '../../shared/domain'
import { isExplainAborted } from '../../explain'
import { listExplanations, saveExplanation, saveGlobalImportance } from '../runs/explanation-store'
import { toUserError, UserFacingError } from '../errors'
import { renderExport, renderScenarioExport } from '../exports/render-export'
import { readScenario } from '../runs/scenario-store'
import {
  explainRun,
  loadRunForExplain,
  planRunExplanation,
  type LoadedRun
} from './explain/explain-run'
import { forecastLatest } from './forecast'
import { LoadedRuns } from './loaded-runs'
import { runTraining } from './run-training'
import { readResumePoint } from './train/resume'
import { lockRun } from '../runs/run-lock'
import type { OwnerLock } from '../runs/owner-lock'
import { Throttle } from './train/throttle'
import { globalImportanceRun, planGlobal } from './explain/global-run'
import { datasetRows, datasetSeries, inspectDataset, openDataset, TableCache } from './tables'
import { whatIfRun } from './explain/whatif-run'
import { counterfactualRun } from './explain/counterfactual-run'
import { sensitivityRun } from './explain/sensitivity-run'

type Send = (event: EngineEvent) => void

/** At most ~10 read-progress events a second. */
const READ_PROGRESS_MS = 100

/**
 * The engine's message loop: one job at a time, cancel by request id, and a
 * loud failure for anything it does not understand. Transport-free, so it is
 * the same in a utilityProcess, a forked child and a test.
 */
export class EngineDispatcher {
  private busy: { id: string; signal: { aborted: boolean } } | null = null
  private readonly runs = new LoadedRuns(async (runDir) =>
    loadRunForExplain(runDir, (await this.backend).kernels.path)
  )
  private readonly tables = new TableCache()
  /** Files being read, by request id, so that a cancel can stop them between chunks. */
  private readonly opening = new Map<string, AbortController>()

  constructor(
    private readonly send: Send,
    private readonly backend: Promise<BackendReport>
  ) {}

  async start(): Promise<void> {
    try {
      this.send({ type: 'ready', status: await this.status() })
    } catch (error) {
      this.send({ type: 'failed', id: 'startup', error: toUserError(error) })
    }
  }

  handle(raw: unknown): void {
    const parsed = EngineRequestSchema.safeParse(raw)
    if (!parsed.success) {
      const id = (raw as { id?: unknown } | null)?.id
      this.send({
        type: 'failed',
        id: typeof id === 'string' ? id : 'unknown',
        error: {
          code: 'bad-request',
          message: `Engine got a malformed request: ${parsed.error.message}`
        }
      })
      return
    }
    void this.route(parsed.data)
  }

  private async route(request: EngineRequest): Promise<void> {
    switch (request.type) {
      case 'train':
        return this.train(request)
      case 'cancel': {
        if (this.busy && this.busy.id === request.target) this.busy.signal.aborted = true
        const opening = this.opening.get(request.target)
        opening?.abort()
        this.send({
          type: 'result',
          id: request.id,
          request: 'cancel',
          value: { cancelled: this.busy?.id === request.target || opening !== undefined }
        })
        return
      }
      case 'status':
        this.send({ type: 'result', id: request.id, request: 'status', value: await this.status() })
        return
      case 'predict':
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'predict',
          value: await this.runs.use(request.runDir, forecastLatest)
        }))
      case 'explain':
        return this.explain(request)
      case 'global':
        return this.global(request)
      case 'export':
        // Not behind the busy lock: a quick render may interleave with a training run.
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'export',
          value: await renderExport(
            await pickExplanations(request.runDir, request.explanationIds),
            request.format,
            request.chart
          )
        }))
      case 'scenario-export':
        // Text only, no model: like 'export', not behind the busy lock.
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'scenario-export',
          value: renderScenarioExport(
            await readScenario(request.runDir, request.scenarioId),
            request.format
          )
        }))
      case 'global-plan':
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'global-plan',
          value: await this.runs.use(request.runDir, async (run) => planGlobal(request.job, run))
        }))
      case 'explain-plan':
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'explain-plan',
          value: await this.runs.use(request.runDir, async (run) =>
            planRunExplanation(request.job, run)
          )
        }))
      case 'dataset-open': {
        // Not behind the busy lock either: the Data view stays usable while a model trains.
        const { file, datasetId, attribution } = request
        const controller = new AbortController()
        this.opening.set(request.id, controller)
        const throttle = new Throttle(READ_PROGRESS_MS)
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'dataset-open',
          value: await openDataset(
            this.tables,
            file,
            datasetId,
            attribution === undefined ? {} : { attribution },
            {
              signal: controller.signal,
              onProgress: (done, total) => {
                if (throttle.ready() || done === total) {
                  this.send({ type: 'read-progress', id: request.id, done, total })
                }
              }
            }
          )
        })).finally(() => this.opening.delete(request.id))
      }
      case 'dataset-series':
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'dataset-series',
          value: await datasetSeries(
            this.tables,
            request.file,
            request.columns,
            request.maxPoints,
            request
          )
        }))
      case 'dataset-rows':
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'dataset-rows',
          value: await datasetRows(this.tables, request.file, request.page)
        }))
      case 'dataset-inspect':
        return this.answer(request.id, async () => ({
          type: 'result',
          id: request.id,
          request: 'dataset-inspect',
          value: await inspectDataset(this.tables, request.file, request.config)
        }))
      // What-if jobs share the explain lock: they use the loaded model and can be cancelled.
      case 'whatif':
        return this.explainJob(
          request.id,
          request.runDir,
          (loaded, options) => whatIfRun(loaded, request.job, options),
          (value) => ({ type: 'result', id: request.id, request: 'whatif', value })
        )
      case 'counterfactual':
        return this.explainJob(
          request.id,
          request.runDir,
          (loaded, options) => counterfactualRun(loaded, request.job, options),
          (value) => ({ type: 'result', id: request.id, request: 'counterfactual', value })
        )
      case 'sensitivity':
        return this.explainJob(
          request.id,
          request.runDir,
          (loaded) => sensitivityRun(loaded, request.job),
          (value) => ({ type: 'result', id: request.id, request: 'sensitivity', value })
        )
      default: {
        const unknown: never = request
        throw new Error(`Unsupported engine request ${JSON.stringify(unknown)}`)
      }
    }
  }

  /** Answer one request with what `work` makes of it, or with its failure as a UserError. */
  private async answer(id: string, work: () => Promise<EngineResult>): Promise<void> {
    try {
      this.send(await work())
    } catch (error) {
      this.send({ type: 'failed', id, error: toUserError(error) })
    }
  }

  private async train(request: Extract<EngineRequest, { type: 'train' }>): Promise<void> {
    if (this.busy) {
      this.send({
        type: 'failed',
        id: request.id,
        error: {
          code: 'busy',
          message: 'A training run is already in progress; cancel it or wait for it to finish.'
        }
      })
      return
    }
    const signal = { aborted: false }
    this.busy = { id: request.id, signal }
    let lock: OwnerLock | null = null
    let reply: EngineEvent
    try {
      // One trainer per run folder, whichever process (app, browser mode, CLI) asks.
      lock = await lockRun(request.job.runDir)
      this.runs.drop(request.job.runDir)
      const resume = request.job.resume
        ? await readResumePoint(request.job.runDir, request.job.resume)
        : undefined
      const summary = await runTraining(
        request.job,
        {
          backend: await this.backend,
          signal,
          onProgress: (progress) => this.send({ type: 'progress', id: request.id, progress }),
          onEpoch: (epoch) => this.send({ type: 'epoch', id: request.id, epoch }),
          readTable: (file) => this.tables.get(file)
        },
        resume
      )
      reply = { type: 'result', id: request.id, request: 'train', value: summary }
    } catch (error) {
      reply = { type: 'failed', id: request.id, error: toUserError(error) }
    } finally {
      // Idle again before the reply leaves, so a client that asks at once finds the engine free.
      await lock?.release().catch(() => undefined)
      this.busy = null
    }
    this.send(reply)
  }

  private explain(request: Extract<EngineRequest, { type: 'explain' }>): Promise<void> {
    return this.explainJob(
      request.id,
      request.runDir,
      async (loaded, options) => {
        const record = await explainRun(loaded, request.job, options)
        await saveExplanation(request.runDir, record)
        return record
      },
      (value) => ({ type: 'result', id: request.id, request: 'explain', value })
    )
  }

  private global(request: Extract<EngineRequest, { type: 'global' }>): Promise<void> {
    return this.explainJob(
      request.id,
      request.runDir,
      async (loaded, options) => {
        const record = await globalImportanceRun(loaded, request.job, options)
        // Saved with the run, so it can be listed and reopened like an explanation.
        if (record.id) await saveGlobalImportance(request.runDir, { ...record, id: record.id })
        return record
      },
      (value) => ({ type: 'result', id: request.id, request: 'global', value })
    )
  }

  /** One explanation job at a time: progress throttled, cancel by request id. */
  private async explainJob<T>(
    id: string,
    runDir: string,
    work: (
      loaded: LoadedRun,
      options: { signal: { aborted: boolean }; onProgress: (done: number, total: number) => void }
    ) => Promise<T>,
    reply: (value: T) => EngineEvent
  ): Promise<void> {
    if (this.busy) {
      this.send({
        type: 'failed',
        id,
        error: { code: 'busy', message: 'The engine is busy with another job; cancel it or wait.' }
      })
      return
    }
    const signal = { aborted: false }
    this.busy = { id, signal }
    try {
      const throttle = new Throttle(100)
      const result = await this.runs.use(runDir, (loaded) =>
        work(loaded, {
          signal,
          onProgress: (done, total) => {
            if (throttle.ready() || done === total) {
              this.send({ type: 'explain-progress', id, done, total })
            }
          }
        })
      )
      this.send(reply(result))
    } catch (error) {
      const e = isExplainAborted(error)
        ? { code: 'cancelled', message: 'Explanation cancelled.' }
        : toUserError(error)
      this.send({ type: 'failed', id, error: e })
    } finally {
      this.busy = null
    }
  }

  private async status(): Promise<EngineStatus> {
    return { backend: await this.backend, busy: this.busy !== null, pid: process.pid }
  }
}

/** The saved explanations an export names, in the order named. */
async function pickExplanations(
  runDir: string,
  ids: readonly string[]
): Promise<ExplanationRecord[]> {
  const all = await listExplanations(runDir)
  return ids.map((id) => {
    const found = all.find((r) => r.id === id)
    if (!found) throw new UserFacingError('unknown-explanation', `Explanation ${id} was not found.`)
    return found
  })
}

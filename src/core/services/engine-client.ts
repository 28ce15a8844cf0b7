import { randomUUID } from 'node:crypto'
import type { ZodType } from 'zod'
import type { DatasetInspection, InspectRequest } from '../../shared/data-inspection'
import type {
  DatasetSummary,
  Forecast,
  RunSummary,
  Series,
  TrainEpoch,
  TrainProgress,
  UserError
} from '../../shared/domain'
import type {
  DatasetFile,
  EngineEvent,
  EngineProgress,
  EngineRequest,
  EngineRequestType,
  EngineResult,
  EngineResults,
  EngineStatus,
  Plan,
  TrainJob
} from '../../shared/engine-protocol'
import type {
  ChartName,
  ExplainJob,
  ExplanationRecord,
  ExportFile,
  ExportFormat,
  GlobalImportanceRecord,
  GlobalJob
} from '../../shared/explanation'
import { ENGINE_RESULTS } from '../../shared/engine-protocol'
import type {
  CounterfactualJob,
  CounterfactualResult,
  SensitivityJob,
  SensitivityResult,
  WhatIfJob,
  WhatIfResult
} from '../../shared/whatif'
import type { ScenarioExportFormat } from '../../shared/scenario'
import { Pairing } from '../../shared/pairing'
import type { RowPage, RowPageRequest } from '../../shared/row-page'
import type { EngineChannel, SpawnEngine } from './types'
import { UserFacingError } from '../errors'

/** An engine request before it gets its id. */
type EngineCall = EngineRequest extends infer R
  ? R extends { id: string }
    ? Omit<R, 'id'>
    : never
  : never

/** Each request type's reply schema, typed so that indexing by a request type gives its result type. */
const RESULT_SCHEMAS: { [K in EngineRequestType]: ZodType<EngineResults[K]> } = ENGINE_RESULTS

interface CallListeners {
  onProgress?(event: EngineProgress): void
  onStarted?(requestId: string): void
}

interface ExplainListeners {
  onProgress?(done: number, total: number): void
  onStarted?(requestId: string): void
}

/**
 * The host's handle on the engine process: starts it on first use, pairs
 * replies with requests, and — when the process dies — fails what was in
 * flight with a clear error and starts a fresh engine on the next request.
 * Each reply is checked against the request it answers and validated with
 * that request's result schema (engine-protocol's ENGINE_RESULTS).
 */
export class EngineClient {
  private channel: EngineChannel | null = null
  private ready: Promise<EngineStatus> | null = null
  private readonly pairing = new Pairing<string, EngineResult, EngineProgress>()
  private readonly statusListeners = new Set<(s: EngineStatus) => void>()
  private disposed = false

  constructor(private readonly spawn: SpawnEngine) {}

  onStatus(listener: (status: EngineStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  status(): Promise<EngineStatus> {
    return this.call({ type: 'status' })
  }

  /** Train; resolves with the run summary or rejects with the engine's error. */
  train(
    job: TrainJob,
    listeners: {
      onProgress?(p: TrainProgress): void
      onEpoch?(e: TrainEpoch): void
      onStarted?(requestId: string): void
    } = {}
  ): Promise<RunSummary> {
    return this.call(
      { type: 'train', job },
      {
        onProgress: (event) => {
          if (event.type === 'progress') listeners.onProgress?.(event.progress)
          if (event.type === 'epoch') listeners.onEpoch?.(event.epoch)
        },
        ...(listeners.onStarted ? { onStarted: listeners.onStarted } : {})
      }
    )
  }

  /** Parse a CSV in the engine (which keeps the table cached); `datasetId` is the host's id. */
  openDataset(
    file: DatasetFile,
    datasetId: string,
    attribution?: string,
    listeners: ExplainListeners = {}
  ): Promise<DatasetSummary> {
    return this.call(
      {
        type: 'dataset-open',
        file,
        datasetId,
        ...(attribution === undefined ? {} : { attribution })
      },
      {
        onProgress: (event) => {
          if (event.type === 'read-progress') listeners.onProgress?.(event.done, event.total)
        },
        ...(listeners.onStarted ? { onStarted: listeners.onStarted } : {})
      }
    )
  }

  /** A decimated view of some columns of a dataset the engine reads. */
  datasetSeries(
    file: DatasetFile,
    columns: string[],
    maxPoints: number,
    range: { from?: number | undefined; to?: number | undefined } = {}
  ): Promise<Series> {
    const { from, to } = range
    return this.call({
      type: 'dataset-series',
      file,
      columns,
      maxPoints,
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to })
    })
  }

  /** A page of rows of a dataset the engine reads (the Data view's table). */
  datasetRows(file: DatasetFile, page: RowPageRequest): Promise<RowPage> {
    return this.call({ type: 'dataset-rows', file, page })
  }

  /** Statistics, ACF, trend test, suggestions and window counts of a dataset the engine reads. */
  inspectDataset(file: DatasetFile, config: InspectRequest): Promise<DatasetInspection> {
    return this.call({ type: 'dataset-inspect', file, config })
  }

  /** Forecast past the end of the data with a trained run's model. */
  forecast(runDir: string): Promise<Forecast> {
    return this.call({ type: 'predict', runDir })
  }

  /** Explain a test window of a trained run; resolves with the saved record. */
  explain(
    runDir: string,
    job: ExplainJob,
    listeners: ExplainListeners = {}
  ): Promise<ExplanationRecord> {
    return this.call({ type: 'explain', runDir, job }, explainListeners(listeners))
  }

  /** Model evaluations an explanation will make, before running it. */
  planExplain(runDir: string, job: ExplainJob): Promise<Plan> {
    return this.call({ type: 'explain-plan', runDir, job })
  }

  /** Importance by lag over many test windows of a trained run. */
  globalImportance(
    runDir: string,
    job: GlobalJob,
    listeners: ExplainListeners = {}
  ): Promise<GlobalImportanceRecord> {
    return this.call({ type: 'global', runDir, job }, explainListeners(listeners))
  }

  planGlobal(runDir: string, job: GlobalJob): Promise<Plan> {
    return this.call({ type: 'global-plan', runDir, job })
  }

  /** Render an export (charts are CPU work: the engine does it, not the app's main process). */
  renderExport(
    runDir: string,
    explanationIds: string[],
    format: ExportFormat,
    chart?: ChartName
  ): Promise<ExportFile> {
    return this.call({
      type: 'export',
      runDir,
      explanationIds,
      format,
      ...(chart === undefined ? {} : { chart })
    })
  }

  /** A test window's forecast with some cells edited (and fast attributions with a method). */
  whatIf(runDir: string, job: WhatIfJob, listeners: ExplainListeners = {}): Promise<WhatIfResult> {
    return this.call({ type: 'whatif', runDir, job }, explainListeners(listeners))
  }

  /** The smallest change to a test window that moves its forecast to a target. */
  counterfactual(
    runDir: string,
    job: CounterfactualJob,
    listeners: ExplainListeners = {}
  ): Promise<CounterfactualResult> {
    return this.call({ type: 'counterfactual', runDir, job }, explainListeners(listeners))
  }

  /** The forecast as one cell sweeps its feature's training range. */
  sensitivity(runDir: string, job: SensitivityJob): Promise<SensitivityResult> {
    return this.call({ type: 'sensitivity', runDir, job })
  }

  /** A saved what-if scenario as a file (rendered in the engine, like every export). */
  renderScenarioExport(
    runDir: string,
    scenarioId: string,
    format: ScenarioExportFormat
  ): Promise<ExportFile> {
    return this.call({ type: 'scenario-export', runDir, scenarioId, format })
  }

  /** Cancel a running request; false when no engine runs or it was not running that request. */
  async cancel(requestId: string): Promise<boolean> {
    if (!this.channel) return false
    return (await this.call({ type: 'cancel', target: requestId })).cancelled
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.channel?.kill()
    this.channel = null
  }

  /** Send one request (starting the engine if needed) and wait for its typed reply. */
  private async call<M extends EngineCall>(
    message: M,
    listeners: CallListeners = {}
  ): Promise<EngineResults[M['type']]> {
    await this.start()
    const channel = this.channel
    if (!channel) throw new UserFacingError('engine-down', 'The engine is not running.')
    const id = randomUUID()
    const reply = this.pairing.open(
      id,
      listeners.onProgress ? { onProgress: listeners.onProgress } : {}
    )
    channel.send({ ...message, id })
    listeners.onStarted?.(id)
    const type: M['type'] = message.type
    const result = await reply
    if (result.request !== type) {
      throw new UserFacingError(
        'bad-reply',
        `The engine answered a ${type} request with a ${result.request} result.`
      )
    }
    return parseResult(type, result.value)
  }

  private start(): Promise<EngineStatus> {
    if (this.disposed)
      return Promise.reject(new UserFacingError('disposed', 'The app is shutting down.'))
    if (this.ready) return this.ready
    const channel = this.spawn()
    this.channel = channel
    this.ready = new Promise<EngineStatus>((resolve, reject) => {
      channel.onMessage((event) => {
        if (event.type === 'ready') {
          resolve(event.status)
          this.statusListeners.forEach((l) => l(event.status))
          return
        }
        if (event.type === 'failed' && event.id === 'startup') {
          reject(
            new UserFacingError(
              event.error.code,
              `The engine could not start: ${event.error.message}`
            )
          )
          return
        }
        this.route(event)
      })
      channel.onExit(({ code, signal }) => {
        const how = signal ? `signal ${signal}` : `exit code ${code}`
        const error = new UserFacingError(
          'engine-crashed',
          `The engine process stopped unexpectedly (${how}). Work saved so far was kept; the next request starts a new engine.`
        )
        if (this.channel === channel) {
          this.channel = null
          this.ready = null
        }
        reject(error)
        this.pairing.failAll(error)
      })
    })
    return this.ready
  }

  private route(event: Exclude<EngineEvent, { type: 'ready' }>): void {
    switch (event.type) {
      case 'progress':
      case 'epoch':
      case 'explain-progress':
      case 'read-progress':
        this.pairing.progress(event.id, event)
        return
      case 'failed':
        this.pairing.reject(event.id, fromUserError(event.error))
        return
      case 'result':
        this.pairing.resolve(event.id, event)
        return
      default: {
        const unknown: never = event
        throw new Error(`Unsupported engine event ${JSON.stringify(unknown)}`)
      }
    }
  }
}

function parseResult<K extends EngineRequestType>(type: K, value: unknown): EngineResults[K] {
  return RESULT_SCHEMAS[type].parse(value)
}

function explainListeners(listeners: ExplainListeners): CallListeners {
  return {
    onProgress: (event) => {
      if (event.type === 'explain-progress') listeners.onProgress?.(event.done, event.total)
    },
    ...(listeners.onStarted ? { onStarted: listeners.onStarted } : {})
  }
}

function fromUserError(e: UserError): UserFacingError {
  return new UserFacingError(e.code, e.message, {
    ...(e.file === undefined ? {} : { file: e.file }),
    ...(e.row === undefined ? {} : { row: e.row }),
    ...(e.column === undefined ? {} : { column: e.column }),
    ...(e.params === undefined ? {} : { params: e.params })
  })
}

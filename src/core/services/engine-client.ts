import { randomUUID } from 'node:crypto'
import {
  ForecastSchema,
  type Forecast,
  type RunSummary,
  type TrainEpoch,
  type TrainProgress,
  type UserError
} from '../../shared/domain'
import type {
  EngineEvent,
  EngineRequest,
  EngineStatus,
  TrainJob
} from '../../shared/engine-protocol'
import {
  ExplanationRecordSchema,
  ExportFileSchema,
  GlobalImportanceRecordSchema,
  type ChartName,
  type ExplainJob,
  type ExplanationRecord,
  type ExportFile,
  type ExportFormat,
  type GlobalImportanceRecord,
  type GlobalJob
} from '../../shared/explanation'
import type { EngineChannel, SpawnEngine } from './types'
import { UserFacingError } from '../errors'

/** An engine request before it gets its id. */
type EngineCall = EngineRequest extends infer R
  ? R extends { id: string }
    ? Omit<R, 'id'>
    : never
  : never

interface Pending {
  resolve(event: EngineEvent): void
  reject(error: UserFacingError): void
  onEvent?(event: EngineEvent): void
}

/**
 * The host's handle on the engine process: starts it on first use, pairs
 * replies with requests, and — when the process dies — fails what was in
 * flight with a clear error and starts a fresh engine on the next request.
 */
export class EngineClient {
  private channel: EngineChannel | null = null
  private ready: Promise<EngineStatus> | null = null
  private readonly pending = new Map<string, Pending>()
  private readonly statusListeners = new Set<(s: EngineStatus) => void>()
  private disposed = false

  constructor(private readonly spawn: SpawnEngine) {}

  onStatus(listener: (status: EngineStatus) => void): () => void {
    this.statusListeners.add(listener)
    return () => this.statusListeners.delete(listener)
  }

  async status(): Promise<EngineStatus> {
    await this.start()
    const reply = await this.request({ type: 'status' })
    if (reply.type !== 'status') throw new Error(`unexpected reply ${reply.type}`)
    return reply.status
  }

  /** Train; resolves with the run summary or rejects with the engine's error. */
  async train(
    job: TrainJob,
    listeners: {
      onProgress?(p: TrainProgress): void
      onEpoch?(e: TrainEpoch): void
      onStarted?(requestId: string): void
    } = {}
  ): Promise<RunSummary> {
    await this.start()
    const reply = await this.request(
      { type: 'train', job },
      (event) => {
        if (event.type === 'progress') listeners.onProgress?.(event.progress)
        if (event.type === 'epoch') listeners.onEpoch?.(event.epoch)
      },
      listeners.onStarted
    )
    if (reply.type !== 'trained') throw new Error(`unexpected reply ${reply.type}`)
    return reply.summary
  }

  /** Forecast past the end of the data with a trained run's model. */
  async forecast(runDir: string): Promise<Forecast> {
    await this.start()
    const reply = await this.request({ type: 'predict', runDir })
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`)
    return ForecastSchema.parse(reply.result)
  }

  /** Explain a test window of a trained run; resolves with the saved record. */
  async explain(
    runDir: string,
    job: ExplainJob,
    listeners: {
      onProgress?(done: number, total: number): void
      onStarted?(requestId: string): void
    } = {}
  ): Promise<ExplanationRecord> {
    await this.start()
    const reply = await this.request(
      { type: 'explain', runDir, job },
      (event) => {
        if (event.type === 'explain-progress') listeners.onProgress?.(event.done, event.total)
      },
      listeners.onStarted
    )
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`)
    return ExplanationRecordSchema.parse(reply.result)
  }

  /** Model evaluations an explanation will make, before running it. */
  async planExplain(runDir: string, job: ExplainJob): Promise<{ total: number; exact: boolean }> {
    await this.start()
    const reply = await this.request({ type: 'explain-plan', runDir, job })
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`)
    return reply.result as { total: number; exact: boolean }
  }

  /** Importance by lag over many test windows of a trained run. */
  async globalImportance(
    runDir: string,
    job: GlobalJob,
    listeners: {
      onProgress?(done: number, total: number): void
      onStarted?(requestId: string): void
    } = {}
  ): Promise<GlobalImportanceRecord> {
    await this.start()
    const reply = await this.request(
      { type: 'global', runDir, job },
      (event) => {
        if (event.type === 'explain-progress') listeners.onProgress?.(event.done, event.total)
      },
      listeners.onStarted
    )
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`)
    return GlobalImportanceRecordSchema.parse(reply.result)
  }

  async planGlobal(runDir: string, job: GlobalJob): Promise<{ total: number; exact: boolean }> {
    await this.start()
    const reply = await this.request({ type: 'global-plan', runDir, job })
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`)
    return reply.result as { total: number; exact: boolean }
  }

  /** Render an export (charts are CPU work: the engine does it, not the app's main process). */
  async renderExport(
    runDir: string,
    explanationIds: string[],
    format: ExportFormat,
    chart?: ChartName
  ): Promise<ExportFile> {
    await this.start()
    const reply = await this.request({
      type: 'export',
      runDir,
      explanationIds,
      format,
      ...(chart === undefined ? {} : { chart })
    })
    if (reply.type !== 'result') throw new Error(`unexpected reply ${reply.type}`)
    return ExportFileSchema.parse(reply.result)
  }

  async cancel(requestId: string): Promise<boolean> {
    if (!this.channel) return false
    const reply = await this.request({ type: 'cancel', target: requestId })
    return reply.type === 'result' && (reply.result as { cancelled?: boolean }).cancelled === true
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.channel?.kill()
    this.channel = null
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
        for (const [id, p] of this.pending) {
          this.pending.delete(id)
          p.reject(error)
        }
      })
    })
    return this.ready
  }

  private request(
    message: EngineCall,
    onEvent?: (event: EngineEvent) => void,
    onStarted?: (id: string) => void
  ): Promise<EngineEvent> {
    const channel = this.channel
    if (!channel)
      return Promise.reject(new UserFacingError('engine-down', 'The engine is not running.'))
    const id = randomUUID()
    return new Promise<EngineEvent>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, ...(onEvent ? { onEvent } : {}) })
      channel.send({ ...message, id })
      onStarted?.(id)
    })
  }

  private route(event: EngineEvent): void {
    if (event.type === 'ready') return
    const p = this.pending.get(event.id)
    if (!p) return
    switch (event.type) {
      case 'progress':
      case 'epoch':
      case 'explain-progress':
        p.onEvent?.(event)
        return
      case 'failed':
        this.pending.delete(event.id)
        p.reject(fromUserError(event.error))
        return
      case 'trained':
      case 'status':
      case 'result':
        this.pending.delete(event.id)
        p.resolve(event)
        return
      default: {
        const unknown: never = event
        throw new Error(`Unsupported engine event ${JSON.stringify(unknown)}`)
      }
    }
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

import type { EngineEvent, EngineRequest, EngineStatus } from '../../shared/engine-protocol'
import { EngineRequestSchema } from '../../shared/engine-protocol'
import type { BackendReport } from '../../shared/domain'
import { toUserError } from '../services/user-error'
import { runTraining } from './run-training'

type Send = (event: EngineEvent) => void

/**
 * The engine's message loop: one job at a time, cancel by request id, and a
 * loud failure for anything it does not understand. Transport-free, so it is
 * the same in a utilityProcess, a forked child and a test.
 */
export class EngineDispatcher {
  private busy: { id: string; signal: { aborted: boolean } } | null = null

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
      case 'cancel':
        if (this.busy && this.busy.id === request.target) this.busy.signal.aborted = true
        this.send({
          type: 'result',
          id: request.id,
          result: { cancelled: this.busy?.id === request.target }
        })
        return
      case 'status':
        this.send({ type: 'status', id: request.id, status: await this.status() })
        return
      case 'explain':
        this.send({
          type: 'failed',
          id: request.id,
          error: {
            code: 'unsupported',
            message: 'Explanations are not available in this engine yet.'
          }
        })
        return
      default: {
        const unknown: never = request
        throw new Error(`Unsupported engine request ${JSON.stringify(unknown)}`)
      }
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
    try {
      const summary = await runTraining(request.job, {
        backend: await this.backend,
        signal,
        onProgress: (progress) => this.send({ type: 'progress', id: request.id, progress }),
        onEpoch: (epoch) => this.send({ type: 'epoch', id: request.id, epoch })
      })
      this.send({ type: 'trained', id: request.id, summary })
    } catch (error) {
      this.send({ type: 'failed', id: request.id, error: toUserError(error) })
    } finally {
      this.busy = null
    }
  }

  private async status(): Promise<EngineStatus> {
    return { backend: await this.backend, busy: this.busy !== null, pid: process.pid }
  }
}

import type {
  ExplainJob,
  ExplanationRecord,
  GlobalImportanceRecord,
  GlobalJob
} from '../../shared/explanation'
import type { EventChannel, EventPayload } from '../../shared/ipc-contract'
import { listExplanations, listGlobalImportance } from '../runs/explanation-store'
import type {
  CounterfactualJob,
  CounterfactualResult,
  WhatIfJob,
  WhatIfResult
} from '../../shared/whatif'
import type { EngineClient } from './engine-client'
import { UserFacingError } from '../errors'

type Emit = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void

interface Listeners {
  onStarted(id: string): void
  onProgress(done: number, total: number): void
}

/** Explanations run in the engine, one at a time, with progress and cancel. */
export class ExplanationService {
  private active: { runId: string; requestId: string | null } | null = null

  constructor(
    private readonly engine: EngineClient,
    private readonly emit: Emit
  ) {}

  plan(runDir: string, job: ExplainJob): Promise<{ total: number; exact: boolean }> {
    return this.engine.planExplain(runDir, job)
  }

  run(runId: string, runDir: string, job: ExplainJob): Promise<ExplanationRecord> {
    return this.exclusive(runId, (listeners) => this.engine.explain(runDir, job, listeners))
  }

  global(runId: string, runDir: string, job: GlobalJob): Promise<GlobalImportanceRecord> {
    return this.exclusive(runId, (listeners) =>
      this.engine.globalImportance(runDir, job, listeners)
    )
  }

  /** What-if and counterfactual run like explanations: one at a time, cancellable. */
  whatIf(runId: string, runDir: string, job: WhatIfJob): Promise<WhatIfResult> {
    return this.exclusive(runId, (listeners) => this.engine.whatIf(runDir, job, listeners))
  }

  counterfactual(
    runId: string,
    runDir: string,
    job: CounterfactualJob
  ): Promise<CounterfactualResult> {
    return this.exclusive(runId, (listeners) => this.engine.counterfactual(runDir, job, listeners))
  }

  async cancel(runId: string): Promise<{ cancelled: boolean }> {
    const active = this.active
    if (!active || active.runId !== runId || !active.requestId) return { cancelled: false }
    return { cancelled: await this.engine.cancel(active.requestId) }
  }

  list(runDir: string): Promise<ExplanationRecord[]> {
    return listExplanations(runDir)
  }

  listGlobal(runDir: string): Promise<GlobalImportanceRecord[]> {
    return listGlobalImportance(runDir)
  }

  private async exclusive<T>(
    runId: string,
    work: (listeners: Listeners) => Promise<T>
  ): Promise<T> {
    if (this.active) {
      throw new UserFacingError(
        'busy',
        'An explanation is already running; cancel it or wait for it.'
      )
    }
    const active = { runId, requestId: null as string | null }
    this.active = active
    try {
      return await work({
        onStarted: (id) => {
          active.requestId = id
        },
        onProgress: (done, total) => this.emit('explain:progress', { runId, done, total })
      })
    } finally {
      if (this.active === active) this.active = null
    }
  }
}

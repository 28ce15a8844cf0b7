/**
 * The engine process as the UI sees it: its status (backend, busy, process)
 * from events and on request, and the outcome of the last explicit check.
 */
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type { EngineStatus } from '@shared/engine-protocol'
import { toUserError } from '../host/host-error'

export interface EngineState {
  engine: EngineStatus | null
  engineError: UserError | null
  /** A check the user asked for is under way. */
  engineChecking: boolean
  /** When the user's last check answered (ISO time); null before any. */
  engineCheckedAt: string | null
}

export function initialEngineState(): EngineState {
  return { engine: null, engineError: null, engineChecking: false, engineCheckedAt: null }
}

export function useEngine(host: HindsightApi, state: EngineState) {
  async function refreshEngine(): Promise<void> {
    state.engineError = null
    try {
      state.engine = await host.engineStatus()
    } catch (error) {
      state.engineError = toUserError(error)
    }
  }

  return {
    listen(): void {
      host.on('engine:status', (status) => {
        state.engine = status
        state.engineError = null
      })
    },
    refreshEngine,
    /** "Check engine": the same query, with visible progress and a time the answer came. */
    async checkEngine(): Promise<void> {
      if (state.engineChecking) return
      state.engineChecking = true
      try {
        await refreshEngine()
        state.engineCheckedAt = new Date().toISOString()
      } finally {
        state.engineChecking = false
      }
    }
  }
}

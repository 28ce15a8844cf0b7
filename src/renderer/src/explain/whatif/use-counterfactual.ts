/**
 * The counterfactual search of the Explain view: a target forecast, locked
 * inputs and an optional "only the last k steps", run in the engine with
 * progress and cancel (it shares the explanations' one-at-a-time slot).
 */
import { onScopeDispose, reactive, watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type { CounterfactualResult } from '@shared/whatif'
import { toUserError } from '../../host/host-error'

export interface CounterfactualSource {
  runId: () => string | null
  index: () => number
  /**
   * Runs the search in its turn with the what-if editor's requests (the
   * engine refuses a second job); absent: straight away.
   */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>
}

export function useCounterfactual(host: HindsightApi, source: CounterfactualSource) {
  const state = reactive({
    target: null as number | null,
    lockedFeatures: [] as string[],
    /** Steps (from 0, oldest) left as they are. */
    lockedSteps: [] as number[],
    /** Only the last k steps may change; null = any step. */
    lastSteps: null as number | null,
    running: false,
    cancelling: false,
    cancelled: false,
    progress: null as { done: number; total: number } | null,
    result: null as CounterfactualResult | null,
    error: null as UserError | null
  })

  const unsubscribe = host.on('explain:progress', (p) => {
    if (state.running && p.runId === source.runId()) {
      state.progress = { done: p.done, total: p.total }
    }
  })
  onScopeDispose(unsubscribe)

  watch([source.runId, source.index], () => {
    state.result = null
    state.error = null
    state.cancelled = false
  })

  async function run(): Promise<void> {
    const runId = source.runId()
    const target = state.target
    if (!runId || target === null || !Number.isFinite(target) || state.running) return
    Object.assign(state, {
      running: true,
      cancelling: false,
      cancelled: false,
      progress: null,
      error: null
    })
    try {
      const job = {
        index: source.index(),
        target,
        lockedFeatures: [...state.lockedFeatures],
        lockedSteps: [...state.lockedSteps],
        ...(state.lastSteps === null ? {} : { lastSteps: state.lastSteps }),
        maxIterations: 25
      }
      const search = (): Promise<CounterfactualResult> => host.counterfactual({ runId, job })
      state.result = await (source.exclusive ? source.exclusive(search) : search())
    } catch (error) {
      const e = toUserError(error)
      if (e.code === 'cancelled') state.cancelled = true
      else state.error = e
    } finally {
      state.running = false
      state.cancelling = false
    }
  }

  async function cancel(): Promise<void> {
    const runId = source.runId()
    if (!runId || !state.running) return
    state.cancelling = true
    try {
      await host.cancelExplanation({ runId })
    } catch (error) {
      state.error = toUserError(error)
    }
  }

  return { state, run, cancel }
}

export type Counterfactual = ReturnType<typeof useCounterfactual>

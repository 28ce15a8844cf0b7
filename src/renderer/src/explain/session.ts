/**
 * The Explain view's state and actions for the open run: the settings form, a
 * debounced cost plan, running with progress and cancel, past explanations,
 * the comparison, global importance, and exports. One session per app
 * (`useExplainSession`), living outside the view, so leaving the Explain view
 * and coming back finds it as the user left it.
 */
import { effectScope, reactive, watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type { DataConfig } from '@shared/data-config'
import { defaultQuantity } from '@shared/explanation'
import type {
  ChartName,
  ExplainPlan,
  ExplanationRecord,
  ExportFormat,
  GlobalImportanceRecord
} from '@shared/explanation'
import { toUserError } from '../host/host-error'
import { saveExport } from './download'
import type { ExplainForm, GlobalForm } from './form'
import { defaultForm, formOf, toJob, validateForm } from './form'

export type { ExplainForm, FieldName, GlobalForm } from './form'
export { defaultForm, toJob, usesSamples, validateForm } from './form'

/** Plans are asked for this long after the last settings change (ms). */
export const PLAN_DEBOUNCE_MS = 300
/** Above this many model calls the view warns that the run will take a while. */
export const EXPENSIVE_CALLS = 100_000

export type Plan = ExplainPlan

export type Busy = 'explain' | 'global' | null

/** What the session follows: the open run, and what its model learned (levels or changes). */
export interface SessionSource {
  runId: () => string | null
  targetMode: () => DataConfig['targetMode']
}

export function createExplainSession(host: HindsightApi, source: SessionSource) {
  const { runId } = source
  const state = reactive({
    form: defaultForm(),
    global: { windows: 20 } as GlobalForm,
    /** The test window, from 0. */
    index: 0,
    /** The input drawn over the window chart ('' = the target). */
    series: '',
    plan: null as Plan | null,
    planning: false,
    planError: null as UserError | null,
    globalPlan: null as Plan | null,
    busy: null as Busy,
    cancelling: false,
    cancelled: false,
    progress: null as { done: number; total: number } | null,
    runError: null as UserError | null,
    record: null as ExplanationRecord | null,
    compareWith: null as ExplanationRecord | null,
    history: [] as ExplanationRecord[],
    historyError: null as UserError | null,
    globalRecord: null as GlobalImportanceRecord | null,
    /** Saved importance-by-lag results of the run, newest first. */
    globalHistory: [] as GlobalImportanceRecord[],
    globalError: null as UserError | null,
    exporting: null as string | null,
    exportError: null as UserError | null
  })

  let planTimer: ReturnType<typeof setTimeout> | null = null
  let planRequest = 0

  function valid(): boolean {
    return Object.keys(validateForm(state.form, state.global)).length === 0
  }

  function schedulePlan(): void {
    if (planTimer !== null) clearTimeout(planTimer)
    planTimer = setTimeout(() => {
      planTimer = null
      void plan()
    }, PLAN_DEBOUNCE_MS)
  }

  async function plan(): Promise<void> {
    const id = runId()
    if (id === null || !valid()) {
      state.plan = null
      return
    }
    const request = ++planRequest
    state.planning = true
    state.planError = null
    try {
      const job = toJob(state.form, state.index)
      const [local, global] = await Promise.all([
        host.planExplanation({ runId: id, job }),
        host.planGlobalImportance({ runId: id, job: globalJob() }).catch(() => null as Plan | null)
      ])
      if (request !== planRequest) return
      state.plan = local
      state.globalPlan = global
    } catch (error) {
      if (request !== planRequest) return
      state.plan = null
      state.planError = toUserError(error)
    } finally {
      if (request === planRequest) state.planning = false
    }
  }

  function globalJob() {
    const job = toJob(state.form, 0)
    return {
      quantity: state.form.quantity,
      method: job.method,
      baseline: job.baseline,
      seed: job.seed,
      windows: state.global.windows === '' ? 20 : state.global.windows,
      ...(job.backgroundSize !== undefined ? { backgroundSize: job.backgroundSize } : {}),
      ...(job.samples !== undefined ? { samples: job.samples } : {}),
      ...(job.step !== undefined ? { step: job.step } : {})
    }
  }

  async function refreshHistory(): Promise<void> {
    const id = runId()
    if (id === null) {
      state.history = []
      state.globalHistory = []
      return
    }
    state.historyError = null
    try {
      const [records, global] = await Promise.all([
        host.listExplanations({ runId: id }),
        host.listGlobalImportance({ runId: id })
      ])
      if (runId() === id) {
        state.history = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        state.globalHistory = global
      }
    } catch (error) {
      state.historyError = toUserError(error)
    }
  }

  function begin(kind: Busy): void {
    state.busy = kind
    state.cancelling = false
    state.cancelled = false
    state.progress = null
  }

  function isCancel(error: unknown): boolean {
    return toUserError(error).code === 'cancelled'
  }

  const unsubscribe = host.on('explain:progress', (p) => {
    if (state.busy !== null && p.runId === runId())
      state.progress = { done: p.done, total: p.total }
  })
  function dispose(): void {
    unsubscribe()
    if (planTimer !== null) clearTimeout(planTimer)
  }

  watch(
    () => [runId(), JSON.stringify(state.form), state.index, state.global.windows],
    schedulePlan,
    { immediate: true }
  )
  watch(
    runId,
    () => {
      state.record = null
      state.compareWith = null
      state.globalRecord = null
      state.runError = null
      state.index = 0
      // The same default as the CLI's and the engine's.
      state.form.quantity = defaultQuantity(source.targetMode())
      void refreshHistory()
    },
    { immediate: true }
  )

  const actions = {
    plan,
    refreshHistory,
    pick(index: number): void {
      state.index = index
      if (state.record && state.record.index !== index) state.record = null
      if (state.compareWith && state.compareWith.index !== index) state.compareWith = null
    },
    /**
     * Runs the form's explanation; `override` runs a variant, shown as the
     * comparison unless `as` is 'shown'. The form itself is never changed.
     */
    async run(
      override?: Partial<ExplainForm>,
      as: 'shown' | 'compare' = override ? 'compare' : 'shown'
    ): Promise<ExplanationRecord | null> {
      const id = runId()
      if (id === null || state.busy !== null || !valid()) return null
      begin('explain')
      state.runError = null
      try {
        const job = toJob({ ...state.form, ...override }, state.index)
        const record = await host.runExplanation({ runId: id, job })
        if (as === 'compare') state.compareWith = record
        else {
          state.record = record
          if (state.compareWith && state.compareWith.index !== record.index)
            state.compareWith = null
        }
        void refreshHistory()
        return record
      } catch (error) {
        if (isCancel(error)) state.cancelled = true
        else state.runError = toUserError(error)
        return null
      } finally {
        state.busy = null
        state.cancelling = false
        state.progress = null
      }
    },
    async cancel(): Promise<void> {
      const id = runId()
      if (id === null || state.busy === null || state.cancelling) return
      state.cancelling = true
      try {
        const { cancelled } = await host.cancelExplanation({ runId: id })
        if (!cancelled) state.cancelling = false
      } catch (error) {
        state.cancelling = false
        state.runError = toUserError(error)
      }
    },
    async runGlobal(): Promise<void> {
      const id = runId()
      if (id === null || state.busy !== null || !valid()) return
      begin('global')
      state.globalError = null
      try {
        state.globalRecord = await host.globalImportance({ runId: id, job: globalJob() })
        void refreshHistory()
      } catch (error) {
        if (isCancel(error)) state.cancelled = true
        else state.globalError = toUserError(error)
      } finally {
        state.busy = null
        state.cancelling = false
        state.progress = null
      }
    },
    open(record: ExplanationRecord): void {
      state.index = record.index
      state.record = record
      if (state.compareWith && state.compareWith.index !== record.index) state.compareWith = null
      state.form = formOf(record)
    },
    /** Runs the shown explanation again with a check added, leaving the settings form as it is. */
    rerunWith(extra: { checks?: boolean; randomisation?: boolean }): Promise<unknown> {
      const shown = state.record
      if (!shown) return Promise.resolve(null)
      state.index = shown.index
      return actions.run({ ...formOf(shown), ...extra }, 'shown')
    },
    /** Shows a saved importance-by-lag result again. */
    openGlobal(record: GlobalImportanceRecord): void {
      state.globalRecord = record
    },
    setCompare(record: ExplanationRecord | null): void {
      state.compareWith = record
    },
    async exportFile(ids: string[], format: ExportFormat, chart?: ChartName): Promise<void> {
      const id = runId()
      if (id === null || ids.length === 0) return
      const key = `${format}${chart ? `-${chart}` : ''}`
      state.exporting = key
      state.exportError = null
      try {
        const file = await host.renderExport({
          runId: id,
          explanationIds: ids,
          format,
          ...(chart ? { chart } : {})
        })
        saveExport(file)
      } catch (error) {
        state.exportError = toUserError(error)
      } finally {
        if (state.exporting === key) state.exporting = null
      }
    }
  }

  return { state, actions, dispose }
}

export type ExplainSession = ReturnType<typeof createExplainSession>

/** One session per app (keyed by its store), outside any component's lifetime. */
const sessions = new WeakMap<object, ExplainSession>()

export function useExplainSession(
  host: HindsightApi,
  owner: object,
  source: SessionSource
): ExplainSession {
  let session = sessions.get(owner)
  if (!session) {
    // Detached: the view's unmount must not stop the session's watchers.
    session = effectScope(true).run(() => createExplainSession(host, source))!
    sessions.set(owner, session)
  }
  return session
}

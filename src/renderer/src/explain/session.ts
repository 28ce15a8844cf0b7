/**
 * The Explain view's state and actions for one run: the settings form, a
 * debounced cost plan, running with progress and cancel, past explanations,
 * the comparison, global importance, and exports. Call inside a component's
 * setup (it installs watchers and an event listener that end with it).
 */
import { onBeforeUnmount, reactive, watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type {
  BaselineChoice,
  ChartName,
  ExplainedQuantity,
  ExplainJobInput,
  ExplainLevel,
  ExplainMethod,
  ExplanationRecord,
  ExportFormat,
  GlobalImportanceRecord
} from '@shared/explanation'
import { toUserError } from '../host/host-error'
import { saveExport } from './download'

/** Plans are asked for this long after the last settings change (ms). */
export const PLAN_DEBOUNCE_MS = 300
/** Above this many model calls the view warns that the run will take a while. */
export const EXPENSIVE_CALLS = 100_000
/** Exact enumeration over more players than this is flagged as expensive. */
export const EXACT_PLAYERS_WARN = 14

export interface ExplainForm {
  /** 'change' only for models trained on changes: leaves out the last value's share. */
  quantity: ExplainedQuantity
  method: ExplainMethod
  level: ExplainLevel
  baseline: BaselineChoice
  backgroundSize: number | ''
  /** Empty: the method's default. */
  samples: number | ''
  seed: number | ''
  checks: boolean
  randomisation: boolean
}

export interface GlobalForm {
  windows: number | ''
}

export type FieldName = 'samples' | 'seed' | 'backgroundSize' | 'windows'

export interface Plan {
  total: number
  exact: boolean
}

export type Busy = 'explain' | 'global' | null

export function defaultForm(): ExplainForm {
  return {
    quantity: 'forecast',
    method: 'kernelshap',
    level: 'time',
    baseline: 'mean',
    backgroundSize: 20,
    samples: '',
    seed: 42,
    checks: true,
    randomisation: false
  }
}

/** Which methods take a sample budget. */
export function usesSamples(method: ExplainMethod): boolean {
  return method === 'kernelshap' || method === 'timeshap' || method === 'lime' || method === 'ig'
}

function intIn(value: number | '', min: number, max: number): boolean {
  return value !== '' && Number.isInteger(value) && value >= min && value <= max
}

export function validateForm(
  form: ExplainForm,
  global?: GlobalForm
): Partial<Record<FieldName, { min: number; max: number }>> {
  const errors: Partial<Record<FieldName, { min: number; max: number }>> = {}
  if (usesSamples(form.method) && form.samples !== '' && !intIn(form.samples, 1, 1_000_000)) {
    errors.samples = { min: 1, max: 1_000_000 }
  }
  if (!intIn(form.seed, 0, 2 ** 31 - 1)) errors.seed = { min: 0, max: 2 ** 31 - 1 }
  if (form.baseline === 'background' && !intIn(form.backgroundSize, 1, 1000)) {
    errors.backgroundSize = { min: 1, max: 1000 }
  }
  if (global && !intIn(global.windows, 1, 10_000)) errors.windows = { min: 1, max: 10_000 }
  return errors
}

export function toJob(form: ExplainForm, index: number): ExplainJobInput {
  const job: ExplainJobInput = {
    quantity: form.quantity,
    method: form.method,
    level: form.level,
    index,
    baseline: form.baseline,
    seed: form.seed === '' ? 42 : form.seed,
    checks: form.checks,
    randomisation: form.randomisation
  }
  if (form.baseline === 'background' && form.backgroundSize !== '') {
    job.backgroundSize = form.backgroundSize
  }
  if (usesSamples(form.method) && form.samples !== '') job.samples = form.samples
  return job
}

export function createExplainSession(host: HindsightApi, runId: () => string | null) {
  const state = reactive({
    form: defaultForm(),
    global: { windows: 20 } as GlobalForm,
    /** The test window, from 0. */
    index: 0,
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
      ...(job.samples !== undefined ? { samples: job.samples } : {})
    }
  }

  async function refreshHistory(): Promise<void> {
    const id = runId()
    if (id === null) {
      state.history = []
      return
    }
    state.historyError = null
    try {
      const records = await host.listExplanations({ runId: id })
      if (runId() === id) {
        state.history = [...records].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
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
  onBeforeUnmount(() => {
    unsubscribe()
    if (planTimer !== null) clearTimeout(planTimer)
  })

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
    /** Runs the form's explanation; `override` runs a variant (the comparison). */
    async run(override?: Partial<ExplainForm>): Promise<ExplanationRecord | null> {
      const id = runId()
      if (id === null || state.busy !== null || !valid()) return null
      begin('explain')
      state.runError = null
      try {
        const job = toJob({ ...state.form, ...override }, state.index)
        const record = await host.runExplanation({ runId: id, job })
        if (override) state.compareWith = record
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
      state.form = {
        quantity: record.quantity,
        method: record.method,
        level: record.level,
        baseline: record.settings.baseline,
        backgroundSize: record.settings.backgroundSize,
        samples: record.settings.samples ?? '',
        seed: record.settings.seed,
        checks: record.settings.checks,
        randomisation: record.settings.randomisation
      }
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

  return { state, actions }
}

export type ExplainSession = ReturnType<typeof createExplainSession>

/**
 * The Data view's exploration state: the engine's inspection of the open
 * dataset (statistics, ACF, trend, suggestions, window counts per policy) for
 * the current settings, refreshed when they change, and re-reading the file
 * with other import options. Nothing here is computed in the renderer.
 */
import { reactive, watch, type InjectionKey } from 'vue'
import type { ImportOptions } from '@shared/data-import'
import type { DatasetInspection } from '@shared/data-inspection'
import type { DatasetSummary, UserError } from '@shared/domain'
import { useHost, toUserError } from '../host'
import { defaultDataForm } from '../forms/forms'
import { useStore } from '../state/store'

export interface InspectionState {
  inspection: DatasetInspection | null
  loading: boolean
  error: UserError | null
  rereading: boolean
  rereadError: UserError | null
}

const DEBOUNCE_MS = 250

function positiveInt(value: number | string): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : null
}

export function useInspection(): {
  state: InspectionState
  reread: (options: ImportOptions, datasetId?: string) => Promise<void>
} {
  const host = useHost()
  const { state: app, actions } = useStore()
  const state = reactive<InspectionState>({
    inspection: null,
    loading: false,
    error: null,
    rereading: false,
    rereadError: null
  })
  let request = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  async function load(): Promise<void> {
    const dataset = app.dataset
    const form = app.dataForm
    if (!dataset || !form || form.target === '') return
    const window = positiveInt(form.window)
    const horizon = positiveInt(form.horizon)
    const train = typeof form.trainPct === 'number' ? form.trainPct / 100 : NaN
    const validation = typeof form.validationPct === 'number' ? form.validationPct / 100 : NaN
    // Invalid settings keep the last inspection: the form shows what to fix.
    if (window === null || horizon === null || !(train > 0 && train < 1)) return
    if (!(validation >= 0 && train + validation < 1)) return
    const id = ++request
    state.loading = true
    try {
      const inspection = await host.inspectDataset({
        datasetId: dataset.id,
        timeColumn: form.timeColumn,
        target: form.target,
        features: form.features.filter((f) => f !== form.target),
        window,
        horizon,
        multiStep: form.multiStep,
        split: { train, validation }
      })
      if (id === request) {
        state.inspection = inspection
        state.error = null
      }
    } catch (error) {
      if (id === request) state.error = toUserError(error)
    } finally {
      if (id === request) state.loading = false
    }
  }

  watch(
    () => {
      const f = app.dataForm
      return [
        app.dataset?.id,
        f?.timeColumn,
        f?.target,
        f?.features.join(','),
        f?.window,
        f?.horizon,
        f?.multiStep,
        f?.trainPct,
        f?.validationPct
      ]
    },
    () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => void load(), DEBOUNCE_MS)
    },
    { immediate: true }
  )

  /**
   * Read the file again with other options. The dataset open so far stays
   * until the new one is read, so a wrong choice loses nothing; the settings
   * carry over where the new columns allow.
   */
  async function reread(options: ImportOptions, datasetId?: string): Promise<void> {
    const id = datasetId ?? app.dataset?.id
    if (!id) return
    state.rereading = true
    state.rereadError = null
    try {
      const summary = await host.rereadDataset({ datasetId: id, import: options })
      adopt(summary)
      app.openError = null
    } catch (error) {
      state.rereadError = toUserError(error)
    } finally {
      state.rereading = false
    }
  }

  function adopt(summary: DatasetSummary): void {
    const form = app.dataForm
    const numeric = summary.columns.filter((c) => c.numeric).map((c) => c.name)
    app.dataset = summary
    if (form && numeric.includes(form.target)) {
      form.features = form.features.filter((f) => numeric.includes(f))
      form.timeColumn = summary.timeColumn
    } else {
      // Other columns than before: start from the defaults for them.
      app.dataForm = defaultDataForm(summary)
    }
    app.series = null
    void actions.reloadSeries()
  }

  return { state, reread }
}

/** The Data view provides its inspection to the settings form (window counts by policy). */
export const INSPECTION_KEY: InjectionKey<InspectionState> = Symbol('data-inspection')

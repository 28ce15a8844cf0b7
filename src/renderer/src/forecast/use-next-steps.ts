/**
 * What to try when a run's model loses to a naive forecast, each one click
 * away: the run's settings go into the Train form with one thing changed
 * (the other target mode; the window and season the data inspection
 * suggests; twice the epochs with early stopping), and Train opens.
 *
 * The suggestions are the engine's inspection of the run's dataset (the
 * request the Data view makes), asked only while the run's dataset is open.
 */
import { ref, watch } from 'vue'
import type { ResolvedTargetMode } from '@shared/data-config'
import type { RunSummary } from '@shared/domain'
import { useHost } from '../host'
import { MODEL_LIMITS } from '../forms/field-limits'
import { useStore } from '../state/store'

/** What the inspection suggests for the run's target (null: no suggestion of that kind). */
export interface Suggested {
  window: number | null
  season: number | null
  /** Whether following it changes anything: false when the run already used it. */
  differs: boolean
}

export function useNextSteps(run: () => RunSummary | null) {
  const { state, actions } = useStore()
  const host = useHost()
  /** The data's suggestions for the run (null: none known). */
  const suggested = ref<Suggested | null>(null)
  let request = 0

  async function inspect(summary: RunSummary | null): Promise<void> {
    const mine = ++request
    suggested.value = null
    const dataset = state.dataset
    if (!summary || !dataset || dataset.path !== summary.dataset.path) return
    const d = summary.data
    try {
      const inspection = await host.inspectDataset({
        datasetId: dataset.id,
        ...(d.timeColumn === undefined ? {} : { timeColumn: d.timeColumn }),
        target: d.target,
        features: d.features,
        window: d.window,
        horizon: d.horizon,
        split: { train: d.split.train, validation: d.split.validation }
      })
      if (mine !== request) return
      const column = inspection.columns.find((c) => c.name === d.target)
      const window = column?.suggestedWindow?.steps ?? null
      const season = column?.suggestedSeason?.lag ?? null
      if (window === null && season === null) return
      const differs =
        (window !== null && window !== d.window) || (season !== null && season !== d.seasonLength)
      suggested.value = { window, season, differs }
    } catch {
      // No suggestion then: the other next steps remain.
    }
  }

  watch(
    () => [run()?.id, state.dataset?.path] as const,
    () => void inspect(run()),
    {
      immediate: true
    }
  )

  /** The run's settings, all of them, in the forms, with its dataset open; then Train. */
  async function reuse(change: () => void): Promise<void> {
    const summary = run()
    if (!summary) return
    await actions.reuseSettings(summary)
    change()
  }

  return {
    suggested,
    otherMode(summary: RunSummary): ResolvedTargetMode {
      const mode = summary.targetModeChoice?.mode ?? summary.data.targetMode
      return mode === 'change' ? 'level' : 'change'
    },
    switchMode(mode: ResolvedTargetMode): Promise<void> {
      return reuse(() => {
        if (state.dataForm) state.dataForm.targetMode = mode
      })
    },
    useSuggested(): Promise<void> {
      const s = suggested.value
      return reuse(() => {
        const form = state.dataForm
        if (!form || !s?.differs) return
        if (s.window !== null) form.window = s.window
        if (s.season !== null) form.seasonLength = s.season
      })
    },
    /** Twice the epochs (within the schema's limit), early stopping on to keep the best. */
    longerEpochs(summary: RunSummary): number {
      return Math.min(MODEL_LIMITS.epochs.max ?? Infinity, summary.model.epochs * 2)
    },
    trainLonger(epochs: number): Promise<void> {
      return reuse(() => {
        state.modelForm.epochs = epochs
        state.modelForm.earlyStopping = true
      })
    }
  }
}

/**
 * Runs in the workspace and the one open in Results/Explain. Opening a run
 * also opens the dataset it was trained on, so the sidebar, the Data view and
 * the Explain view all speak of the same data as the run.
 */
import type { HindsightApi } from '@shared/api'
import type { RunDetail, RunSummary, UserError } from '@shared/domain'
import { toUserError } from '../host/host-error'
import type { ViewName } from './views'

export interface RunsState {
  runs: RunSummary[]
  runsLoading: boolean
  runsError: UserError | null
  result: RunDetail | null
  resultLoading: boolean
  resultError: UserError | null
}

export function initialRunsState(): RunsState {
  return {
    runs: [],
    runsLoading: false,
    runsError: null,
    result: null,
    resultLoading: false,
    resultError: null
  }
}

export function useRuns(
  host: HindsightApi,
  state: RunsState & { view: ViewName },
  datasets: { openRunDataset(run: RunSummary): Promise<boolean> }
) {
  let request = 0

  async function refreshRuns(): Promise<void> {
    state.runsLoading = true
    state.runsError = null
    try {
      const runs = await host.listRuns()
      state.runs = [...runs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    } catch (error) {
      state.runsError = toUserError(error)
    } finally {
      state.runsLoading = false
    }
  }

  /** `view`: where to show it; null for a run that finished while the user was elsewhere. */
  async function openRun(runId: string, view: ViewName | null = 'results'): Promise<void> {
    const mine = ++request
    state.resultLoading = true
    state.resultError = null
    if (view) state.view = view
    try {
      const detail = await host.getRun({ runId })
      if (mine !== request) return
      state.result = detail
      // Opened by the user: bring its data. A run that just finished in the background
      // must not swap out a dataset the user opened meanwhile.
      if (view !== null) await datasets.openRunDataset(detail.summary)
    } catch (error) {
      if (mine === request) state.resultError = toUserError(error)
    } finally {
      if (mine === request) state.resultLoading = false
    }
  }

  return { refreshRuns, openRun }
}

/**
 * The open run's saved what-if scenarios: listed when the run opens, saved
 * from the editor's current edits (the host recomputes both forecasts and
 * writes the file atomically), loaded back into the editor, deleted.
 */
import { reactive, watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type { Scenario, ScenarioExportFormat } from '@shared/scenario'
import type { CellEdit } from '@shared/whatif'
import { toUserError } from '../../host/host-error'
import { saveExport } from '../download'

export function useScenarios(host: HindsightApi, runId: () => string | null) {
  const state = reactive({
    name: '',
    list: [] as Scenario[],
    busy: false,
    error: null as UserError | null,
    /** The scenario just saved, for the confirmation. */
    saved: null as Scenario | null
  })

  async function guarded(work: () => Promise<void>): Promise<void> {
    state.busy = true
    state.error = null
    try {
      await work()
    } catch (error) {
      state.error = toUserError(error)
    } finally {
      state.busy = false
    }
  }

  async function refresh(): Promise<void> {
    const id = runId()
    state.list = id ? await host.listScenarios({ runId: id }) : []
  }

  function save(index: number, edits: CellEdit[]): Promise<void> {
    return guarded(async () => {
      const id = runId()
      const name = state.name.trim()
      if (!id || name === '' || edits.length === 0) return
      state.saved = await host.saveScenario({ runId: id, scenario: { name, index, edits } })
      state.name = ''
      await refresh()
    })
  }

  function remove(scenario: Scenario): Promise<void> {
    return guarded(async () => {
      const id = runId()
      if (!id) return
      await host.deleteScenario({ runId: id, scenarioId: scenario.id })
      if (state.saved?.id === scenario.id) state.saved = null
      await refresh()
    })
  }

  watch(runId, () => void guarded(refresh), { immediate: true })

  /** JSON, CSV or an HTML report of a saved scenario, as a download. */
  function exportAs(scenario: Scenario, format: ScenarioExportFormat): Promise<void> {
    return guarded(async () => {
      const id = runId()
      if (!id) return
      saveExport(await host.exportScenario({ runId: id, scenarioId: scenario.id, format }))
    })
  }

  function setName(name: string): void {
    state.name = name
  }

  return { state, save, remove, exportAs, setName, refresh: () => guarded(refresh) }
}

export type Scenarios = ReturnType<typeof useScenarios>

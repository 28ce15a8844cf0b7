/**
 * The runs list and what the user does to runs (rename, notes, delete,
 * export, import, compare), as one composable beside the app store. One
 * instance per host; it refreshes itself when a training run ends.
 */
import { reactive } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { DamagedRun, RunSummary, UserError } from '@shared/domain'
import type { RunListItem } from '@shared/run-admin'
import { MAX_ARCHIVE_BYTES } from '@shared/run-admin'
import { useHost } from '../host'
import { toUserError } from '../host/host-error'
import { saveExport } from '../explain/download'
import { toBase64 } from './base64'
import type { RunsQuery } from './runs-table'
import { defaultQuery } from './runs-table'

export type RunAction = 'save' | 'delete' | 'export' | 'resume' | 'useBest'

export interface RunListState {
  items: RunListItem[]
  /** Folders under runs/ whose run.json cannot be read, with the reason. */
  damaged: DamagedRun[]
  loaded: boolean
  loading: boolean
  error: UserError | null
  query: RunsQuery
  /** Runs ticked for comparison. */
  selected: string[]
  /** The runs shown in the Compare view; empty when the list is shown. */
  comparing: string[]
  /** The run whose details (name, notes, export, delete) are open. */
  expanded: string | null
  /** The run whose deletion waits for confirmation. */
  confirming: string | null
  pending: { runId: string; action: RunAction } | null
  /** The last action's outcome, shown next to the run it concerns. */
  outcome: { runId: string; error: UserError | null; message: string | null } | null
  importing: boolean
  importError: UserError | null
  imported: RunSummary | null
}

export function createRunList(host: HindsightApi) {
  const state = reactive<RunListState>({
    items: [],
    damaged: [],
    loaded: false,
    loading: false,
    error: null,
    query: defaultQuery(),
    selected: [],
    comparing: [],
    expanded: null,
    confirming: null,
    pending: null,
    outcome: null,
    importing: false,
    importError: null,
    imported: null
  })

  async function refresh(): Promise<void> {
    state.loading = true
    state.error = null
    try {
      const [items, damaged] = await Promise.all([
        host.listRuns(),
        // Damaged folders are extra information: the list stands without them.
        host.listDamagedRuns().catch(() => [])
      ])
      state.items = items
      state.damaged = damaged
      const known = new Set(state.items.map((r) => r.id))
      state.selected = state.selected.filter((id) => known.has(id))
      state.loaded = true
    } catch (error) {
      state.error = toUserError(error)
    } finally {
      state.loading = false
    }
  }

  async function act<T>(
    runId: string,
    action: RunAction,
    work: () => Promise<T>
  ): Promise<T | null> {
    state.pending = { runId, action }
    state.outcome = null
    try {
      return await work()
    } catch (error) {
      state.outcome = { runId, error: toUserError(error), message: null }
      return null
    } finally {
      state.pending = null
    }
  }

  function replace(summary: RunSummary): void {
    state.items = state.items.map((r) => (r.id === summary.id ? { ...r, ...summary } : r))
  }

  host.on('train:finished', () => void refresh())

  return {
    state,
    refresh,
    /** `name: ''` clears the name. Resolves to whether it was saved. */
    async update(runId: string, patch: { name?: string; notes?: string }): Promise<boolean> {
      const summary = await act(runId, 'save', () => host.updateRun({ runId, ...patch }))
      if (summary) {
        replace(summary)
        state.outcome = { runId, error: null, message: 'saved' }
      }
      return summary !== null
    },
    askDelete(runId: string | null): void {
      state.confirming = runId
    },
    async remove(runId: string): Promise<boolean> {
      const done = await act(runId, 'delete', () => host.deleteRun({ runId }))
      state.confirming = null
      if (!done) return false
      state.items = state.items.filter((r) => r.id !== runId)
      state.damaged = state.damaged.filter((r) => r.id !== runId)
      state.selected = state.selected.filter((id) => id !== runId)
      state.comparing = state.comparing.filter((id) => id !== runId)
      if (state.expanded === runId) state.expanded = null
      return true
    },
    /** Continues an unfinished run from its last checkpoint, in the background: its run id, or null. */
    async resume(runId: string): Promise<string | null> {
      const started = await act(runId, 'resume', () => host.resumeRun({ runId }))
      if (!started) return null
      state.outcome = { runId, error: null, message: 'resumed' }
      await refresh()
      return started.runId
    },
    /** Makes an unfinished run's best checkpoint its model (evaluated on the test part). */
    async useBest(runId: string): Promise<void> {
      const summary = await act(runId, 'useBest', () => host.useBestWeights({ runId }))
      if (!summary) return
      replace(summary)
      state.outcome = { runId, error: null, message: 'bestUsed' }
      await refresh()
    },
    async exportRun(runId: string): Promise<void> {
      const file = await act(runId, 'export', () => host.exportRun({ runId }))
      if (file) saveExport(file)
    },
    async importFile(file: File): Promise<void> {
      state.importError = null
      state.imported = null
      if (file.size > MAX_ARCHIVE_BYTES) {
        // Refused here, before reading it: the view words it in the UI language.
        state.importError = {
          code: 'archive-too-large',
          message: String(file.size),
          file: file.name
        }
        return
      }
      state.importing = true
      try {
        const base64 = toBase64(new Uint8Array(await file.arrayBuffer()))
        state.imported = await host.importRun({ name: file.name, base64 })
        await refresh()
      } catch (error) {
        state.importError = toUserError(error)
      } finally {
        state.importing = false
      }
    },
    toggleSelected(runId: string, on: boolean): void {
      const rest = state.selected.filter((id) => id !== runId)
      state.selected = on ? [...rest, runId] : rest
    },
    compare(ids: readonly string[] = state.selected): void {
      state.comparing = [...ids]
    },
    closeCompare(): void {
      state.comparing = []
    }
  }
}

export type RunList = ReturnType<typeof createRunList>

const instances = new WeakMap<HindsightApi, RunList>()

/** The app's runs state (created on first use, one per host). */
export function runListFor(host: HindsightApi): RunList {
  let runs = instances.get(host)
  if (!runs) instances.set(host, (runs = createRunList(host)))
  return runs
}

export function useRunList(): RunList {
  return runListFor(useHost())
}

/**
 * Reopening the app where the user left it: the last view, the open run and
 * the comparison are saved in the workspace (app:setState, written atomically
 * by the host) and restored at start (app:getState).
 */
import { watch } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { AppState } from '@shared/run-admin'
import { APP_STATE_SCHEMA } from '@shared/run-admin'
import type { Store, ViewName } from '../state/store'
import type { RunList } from './use-run-list'

const VIEWS: readonly ViewName[] = ['data', 'train', 'results', 'explain', 'runs']

/** Saving waits this long after the last change (ms), so quick navigation writes once. */
export const SAVE_DELAY_MS = 300

function isView(view: string | null): view is ViewName {
  return view !== null && (VIEWS as readonly string[]).includes(view)
}

function snapshot(store: Store, runs: RunList): AppState {
  return {
    schema: APP_STATE_SCHEMA,
    view: store.state.view,
    runId: store.state.result?.summary.id ?? null,
    compare: [...runs.state.comparing]
  }
}

/** Restores the saved state (a run that no longer opens is dropped), then keeps saving it. */
export async function restoreAndPersist(
  store: Store,
  runs: RunList,
  host: HindsightApi
): Promise<() => void> {
  try {
    const saved = await host.getAppState()
    if (saved.compare.length >= 2) runs.compare(saved.compare)
    const view = isView(saved.view) ? saved.view : null
    // Opened as the user would open it, so the run brings what its views need.
    if (saved.runId) await store.actions.openRun(saved.runId, view)
    else if (view) store.actions.navigate(view)
    if (store.state.resultError) {
      // The run is gone (deleted, or another workspace): start without it.
      store.state.result = null
      store.state.resultError = null
    }
  } catch {
    // Nothing saved or the host cannot read it: start as a first start would.
  }
  let timer: ReturnType<typeof setTimeout> | null = null
  const stop = watch(
    () => JSON.stringify(snapshot(store, runs)),
    () => {
      if (timer !== null) clearTimeout(timer)
      timer = setTimeout(() => {
        timer = null
        // Losing this save only means starting elsewhere next time; never worth an error.
        host.setAppState(snapshot(store, runs)).catch(() => undefined)
      }, SAVE_DELAY_MS)
    }
  )
  return () => {
    stop()
    if (timer !== null) clearTimeout(timer)
  }
}

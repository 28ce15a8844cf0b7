/**
 * The app's state and the actions on it, composed from one composable per
 * concern (datasets, training, runs, engine) over a single reactive state.
 * Everything goes through the host; every action records its own error next
 * to the state it concerns, so views show it beside the control that caused it.
 */
import { inject, reactive } from 'vue'
import type { InjectionKey } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { RunSummary, UserError } from '@shared/domain'
import type { AppInfo, MenuCommand } from '@shared/ipc-contract'
import { toUserError } from '../host/host-error'
import type { ModelForm } from '../forms/forms'
import { modelFormFrom, referenceModelForm } from '../forms/forms'
import type { DatasetsState } from './useDatasets'
import { initialDatasetsState, useDatasets } from './useDatasets'
import type { EngineState } from './useEngine'
import { initialEngineState, useEngine } from './useEngine'
import type { RunsState } from './useRuns'
import { initialRunsState, useRuns } from './useRuns'
import type { TrainingState } from './useTraining'
import { idleTraining, useTraining } from './useTraining'
import type { ViewName } from './views'

export type { ViewName } from './views'
export type { TrainingState, TrainingStatus } from './useTraining'
export { FLUSH_MS, isActive } from './useTraining'

export interface State extends DatasetsState, RunsState, EngineState {
  view: ViewName
  /** Anything that went wrong outside an action (a render error, an unhandled rejection). */
  appError: UserError | null
  appInfo: AppInfo | null
  modelForm: ModelForm
  training: TrainingState
}

export function createStore(host: HindsightApi) {
  const state = reactive<State>({
    view: 'data',
    appError: null,
    appInfo: null,
    ...initialEngineState(),
    ...initialDatasetsState(),
    ...initialRunsState(),
    modelForm: referenceModelForm(),
    training: idleTraining()
  })

  const engine = useEngine(host, state)
  const datasets = useDatasets(host, state)
  const runs = useRuns(host, state, datasets)
  const training = useTraining(host, state, {
    refreshRuns: runs.refreshRuns,
    refreshEngine: engine.refreshEngine,
    openRun: runs.openRun
  })

  function runMenuCommand(command: MenuCommand): void {
    switch (command.type) {
      case 'open':
        void actions.openFile()
        break
      case 'openSample':
        void actions.openSample()
        break
      case 'openPath':
        void actions.openPath(command.path)
        break
      default:
        break
    }
  }

  const actions = {
    ...datasets.actions,
    async init(): Promise<void> {
      host.on('dataset:opened', (summary) => datasets.setDataset(summary))
      host.on('menu:command', runMenuCommand)
      engine.listen()
      training.listen()
      try {
        state.appInfo = await host.appInfo()
      } catch (error) {
        state.openError = toUserError(error)
      }
      void datasets.refreshRecent()
      void runs.refreshRuns()
      if (!state.dataset) await actions.openSample()
    },
    navigate(view: ViewName): void {
      state.view = view
      if (view === 'runs') void runs.refreshRuns()
      if (view === 'train' && !state.engine) void engine.refreshEngine()
    },
    resetModel(): void {
      state.modelForm = referenceModelForm()
    },
    refreshEngine: engine.refreshEngine,
    checkEngine: engine.checkEngine,
    refreshRuns: runs.refreshRuns,
    openRun: runs.openRun,
    /**
     * Puts a past run's settings, all of them, in the forms, with the run's own
     * dataset open, then goes to Train.
     */
    async reuseSettings(summary: RunSummary): Promise<void> {
      state.modelForm = modelFormFrom(summary.model)
      if (await datasets.openRunDataset(summary)) datasets.applyRunData(summary)
      state.view = 'train'
    },
    startTraining: training.startTraining,
    followTraining: training.followRun,
    cancelTraining: training.cancelTraining
  }

  return { state, actions }
}

export type Store = ReturnType<typeof createStore>

export const STORE_KEY: InjectionKey<Store> = Symbol('hindsight-store')

export function useStore(): Store {
  const store = inject(STORE_KEY, null)
  if (store === null) throw new Error('useStore() called outside the app: no store was provided.')
  return store
}

/**
 * The app's state and the actions on it. Everything goes through the host;
 * every action records its own error next to the state it concerns, so the
 * views can show it beside the control that caused it.
 */
import { inject, reactive } from 'vue'
import type { InjectionKey } from 'vue'
import type { HindsightApi } from '@shared/api'
import type {
  DatasetSummary,
  EpochRecord,
  RunDetail,
  RunStatus,
  RunSummary,
  Series,
  TrainEpoch,
  TrainProgress,
  UserError
} from '@shared/domain'
import type { EngineStatus } from '@shared/engine-protocol'
import type { AppInfo, MenuCommand } from '@shared/ipc-contract'
import { MAX_UPLOAD_BYTES } from '@shared/ipc-contract'
import { toUserError } from '../host/host-error'
import type { DataForm, ModelForm } from '../forms/forms'
import {
  defaultDataForm,
  hasErrors,
  referenceModelForm,
  modelFormFrom,
  toDataConfig,
  toModelConfig,
  validateDataForm,
  validateModelForm
} from '../forms/forms'

export type ViewName = 'data' | 'train' | 'results' | 'explain' | 'runs'

/** How often live training updates reach the UI (ms). */
export const FLUSH_MS = 100

export type TrainingStatus = 'idle' | 'starting' | 'running' | 'cancelling' | RunStatus

export interface TrainingState {
  runId: string | null
  status: TrainingStatus
  epochs: EpochRecord[]
  totalEpochs: number
  progress: TrainProgress | null
  summary: RunSummary | null
  startError: UserError | null
  cancelError: UserError | null
}

export interface State {
  view: ViewName
  /** Anything that went wrong outside an action (a render error, an unhandled rejection). */
  appError: UserError | null
  appInfo: AppInfo | null
  engine: EngineStatus | null
  engineError: UserError | null
  dataset: DatasetSummary | null
  opening: boolean
  openError: UserError | null
  series: Series | null
  seriesLoading: boolean
  seriesError: UserError | null
  recent: string[]
  dataForm: DataForm | null
  modelForm: ModelForm
  training: TrainingState
  runs: RunSummary[]
  runsLoading: boolean
  runsError: UserError | null
  result: RunDetail | null
  resultLoading: boolean
  resultError: UserError | null
}

function idleTraining(): TrainingState {
  return {
    runId: null,
    status: 'idle',
    epochs: [],
    totalEpochs: 0,
    progress: null,
    summary: null,
    startError: null,
    cancelError: null
  }
}

export function isActive(status: TrainingStatus): boolean {
  return status === 'starting' || status === 'running' || status === 'cancelling'
}

export function createStore(host: HindsightApi) {
  const state = reactive<State>({
    view: 'data',
    appError: null,
    appInfo: null,
    engine: null,
    engineError: null,
    dataset: null,
    opening: false,
    openError: null,
    series: null,
    seriesLoading: false,
    seriesError: null,
    recent: [],
    dataForm: null,
    modelForm: referenceModelForm(),
    training: idleTraining(),
    runs: [],
    runsLoading: false,
    runsError: null,
    result: null,
    resultLoading: false,
    resultError: null
  })

  let seriesRequest = 0

  // Training events can come faster than is worth drawing (a tiny model runs
  // many epochs a second): apply them at most every FLUSH_MS, in order.
  const pending: { progress: TrainProgress | null; epochs: TrainEpoch[] } = {
    progress: null,
    epochs: []
  }
  let flushTimer: ReturnType<typeof setTimeout> | null = null

  function scheduleFlush(): void {
    if (flushTimer === null) flushTimer = setTimeout(flush, FLUSH_MS)
  }

  function flush(): void {
    if (flushTimer !== null) clearTimeout(flushTimer)
    flushTimer = null
    const t = state.training
    const { progress, epochs } = pending
    pending.progress = null
    pending.epochs = []
    if (epochs.length > 0) {
      const known = new Set(epochs.map((e) => e.epoch))
      const records = epochs.map(({ runId: _runId, epochs: _total, ...record }) => record)
      t.epochs = [...t.epochs.filter((e) => !known.has(e.epoch)), ...records]
      t.totalEpochs = epochs[epochs.length - 1]?.epochs ?? t.totalEpochs
    }
    if (progress) {
      t.progress = progress
      t.totalEpochs = progress.epochs
    }
    if ((progress || epochs.length > 0) && t.status === 'starting') t.status = 'running'
  }

  function setDataset(summary: DatasetSummary): void {
    if (state.dataset?.id === summary.id) return
    state.dataset = summary
    state.dataForm = defaultDataForm(summary)
    state.series = null
    void loadSeries()
  }

  async function open(action: () => Promise<DatasetSummary | null>): Promise<void> {
    state.opening = true
    state.openError = null
    try {
      const summary = await action()
      if (summary) {
        setDataset(summary)
        state.view = 'data'
      }
    } catch (error) {
      state.openError = toUserError(error)
    } finally {
      state.opening = false
      void refreshRecent()
    }
  }

  async function refreshRecent(): Promise<void> {
    if (!state.appInfo?.canOpenPaths) return
    try {
      state.recent = await host.recentFiles()
    } catch {
      state.recent = []
    }
  }

  async function loadSeries(): Promise<void> {
    const dataset = state.dataset
    const form = state.dataForm
    if (!dataset || !form || form.target === '') return
    const request = ++seriesRequest
    state.seriesLoading = true
    state.seriesError = null
    try {
      const series = await host.datasetSeries({
        datasetId: dataset.id,
        columns: [form.target, ...form.features.filter((f) => f !== form.target)],
        timeColumn: form.timeColumn,
        maxPoints: 2000
      })
      if (request === seriesRequest) state.series = series
    } catch (error) {
      if (request === seriesRequest) state.seriesError = toUserError(error)
    } finally {
      if (request === seriesRequest) state.seriesLoading = false
    }
  }

  async function readFile(file: File): Promise<DatasetSummary> {
    if (file.size > MAX_UPLOAD_BYTES) {
      const megabytes = Math.round(file.size / 1e6)
      const limit = MAX_UPLOAD_BYTES / 1e6
      throw {
        code: 'too-large',
        message: `${file.name} is ${megabytes} MB; browser mode accepts up to ${limit} MB. Open it in the desktop app instead.`,
        file: file.name,
        params: { megabytes, limit }
      } satisfies UserError
    }
    return host.uploadDataset({ name: file.name, text: await file.text() })
  }

  function acceptsRun(runId: string): boolean {
    const t = state.training
    if (t.runId === runId) return true
    if (t.status === 'starting' && t.runId === null) {
      t.runId = runId
      return true
    }
    return false
  }

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

  async function openRun(runId: string, view: ViewName | null = 'results'): Promise<void> {
    state.resultLoading = true
    state.resultError = null
    if (view) state.view = view
    try {
      state.result = await host.getRun({ runId })
    } catch (error) {
      state.resultError = toUserError(error)
    } finally {
      state.resultLoading = false
    }
  }

  async function refreshEngine(): Promise<void> {
    state.engineError = null
    try {
      state.engine = await host.engineStatus()
    } catch (error) {
      state.engineError = toUserError(error)
    }
  }

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
    async init(): Promise<void> {
      host.on('dataset:opened', (summary) => setDataset(summary))
      host.on('menu:command', runMenuCommand)
      host.on('engine:status', (status) => {
        state.engine = status
        state.engineError = null
      })
      host.on('train:progress', (progress) => {
        if (!acceptsRun(progress.runId)) return
        pending.progress = progress
        scheduleFlush()
      })
      host.on('train:epoch', (epoch) => {
        if (!acceptsRun(epoch.runId)) return
        pending.epochs.push(epoch)
        scheduleFlush()
      })
      host.on('train:finished', (summary) => {
        void refreshRuns()
        if (!acceptsRun(summary.id)) return
        flush()
        state.training.summary = summary
        state.training.status = summary.status
        state.training.progress = null
        void openRun(summary.id, null)
        void refreshEngine()
      })
      try {
        state.appInfo = await host.appInfo()
      } catch (error) {
        state.openError = toUserError(error)
      }
      void refreshRecent()
      void refreshRuns()
      if (!state.dataset) await actions.openSample()
    },
    navigate(view: ViewName): void {
      state.view = view
      if (view === 'runs') void refreshRuns()
      if (view === 'train' && !state.engine) void refreshEngine()
    },
    openSample: () => open(() => host.openSample()),
    openPath: (path: string) => open(() => host.openPath({ path })),
    /** The native dialog where the host has one; views without it use uploadFile. */
    openFile: () => open(() => host.openDialog()),
    uploadFile: (file: File) => open(() => readFile(file)),
    /** A file dropped on the window: by path in Electron, by upload in a browser. */
    dropFile(file: File): Promise<void> {
      const path = host.pathForFile?.(file) ?? ''
      return path !== '' ? actions.openPath(path) : actions.uploadFile(file)
    },
    setTimeColumn(column: string | null): void {
      if (!state.dataForm) return
      state.dataForm.timeColumn = column
      void loadSeries()
    },
    reloadSeries: loadSeries,
    resetModel(): void {
      state.modelForm = referenceModelForm()
    },
    refreshEngine,
    refreshRuns,
    openRun,
    /** Copies a past run's settings into the forms (when its dataset is the open one). */
    reuseSettings(summary: RunSummary): void {
      state.modelForm = modelFormFrom(summary.model)
      if (state.dataForm && state.dataset?.path === summary.dataset.path) {
        const d = summary.data
        Object.assign(state.dataForm, {
          target: d.target,
          features: [...d.features],
          window: d.window,
          horizon: d.horizon,
          trainPct: Math.round(d.split.train * 1000) / 10,
          validationPct: Math.round(d.split.validation * 1000) / 10,
          scaling: d.scaling,
          missing: d.missing,
          seasonLength: d.seasonLength ?? ''
        })
        void loadSeries()
      }
      state.view = 'train'
    },
    async startTraining(): Promise<void> {
      const dataset = state.dataset
      const dataForm = state.dataForm
      const t = state.training
      if (isActive(t.status)) return
      pending.progress = null
      pending.epochs = []
      state.training = idleTraining()
      if (!dataset || !dataForm) {
        state.training.startError = { code: 'no-dataset', message: 'Open a dataset first.' }
        return
      }
      if (
        hasErrors(validateDataForm(dataForm, dataset)) ||
        hasErrors(validateModelForm(state.modelForm))
      ) {
        state.training.startError = {
          code: 'invalid-settings',
          message: 'Fix the highlighted settings first.'
        }
        return
      }
      state.training.status = 'starting'
      state.training.totalEpochs = state.modelForm.epochs as number
      try {
        const { runId } = await host.startTraining({
          datasetId: dataset.id,
          timeColumn: dataForm.timeColumn,
          data: toDataConfig(dataForm),
          model: toModelConfig(state.modelForm)
        })
        // Stays 'starting' until the engine reports the first batch or epoch.
        if (state.training.runId === null) state.training.runId = runId
        void refreshEngine()
        void refreshRuns()
      } catch (error) {
        state.training.status = 'idle'
        state.training.startError = toUserError(error)
      }
    },
    async cancelTraining(): Promise<void> {
      const t = state.training
      if (t.runId === null || (t.status !== 'running' && t.status !== 'starting')) return
      const previous = t.status
      t.status = 'cancelling'
      t.cancelError = null
      try {
        const { cancelled } = await host.cancelTraining({ runId: t.runId })
        if (!cancelled && state.training.status === 'cancelling') state.training.status = previous
      } catch (error) {
        if (state.training.status === 'cancelling') state.training.status = previous
        state.training.cancelError = toUserError(error)
      }
    }
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

/**
 * The open dataset: opening it (sample, path, dialog, upload, drop), its
 * series for the charts, recent files, and the Data form that goes with it.
 * Each dataset keeps its own form, so switching away and back loses no edit.
 */
import type { HindsightApi } from '@shared/api'
import type { DatasetSummary, RunSummary, Series, UserError } from '@shared/domain'
import type { AppInfo } from '@shared/ipc-contract'
import { SAMPLE_DATASET } from '@shared/sample'
import { toUserError } from '../host/host-error'
import { uploadInChunks } from '../data/chunked-upload'
import type { DataForm } from '../forms/forms'
import { dataFormFrom, defaultDataForm } from '../forms/forms'
import type { ViewName } from './views'

export interface DatasetsState {
  dataset: DatasetSummary | null
  opening: boolean
  openError: UserError | null
  series: Series | null
  seriesLoading: boolean
  seriesError: UserError | null
  recent: string[]
  dataForm: DataForm | null
}

export function initialDatasetsState(): DatasetsState {
  return {
    dataset: null,
    opening: false,
    openError: null,
    series: null,
    seriesLoading: false,
    seriesError: null,
    recent: [],
    dataForm: null
  }
}

type Shell = { view: ViewName; appInfo: AppInfo | null }

export function isSample(path: string): boolean {
  return path.replace(/\\/g, '/').endsWith(`/${SAMPLE_DATASET.file}`)
}

export function useDatasets(host: HindsightApi, state: DatasetsState & Shell) {
  let seriesRequest = 0
  const forms = new Map<string, DataForm>()

  function setDataset(summary: DatasetSummary): void {
    if (state.dataset?.id === summary.id) return
    if (state.dataset && state.dataForm) forms.set(state.dataset.path, state.dataForm)
    state.dataset = summary
    state.dataForm = forms.get(summary.path) ?? defaultDataForm(summary)
    state.series = null
    void loadSeries()
  }

  async function open(
    action: () => Promise<DatasetSummary | null>,
    view: ViewName | null = 'data'
  ): Promise<DatasetSummary | null> {
    state.opening = true
    state.openError = null
    try {
      const summary = await action()
      if (summary) {
        setDataset(summary)
        if (view) state.view = view
      }
      return summary
    } catch (error) {
      state.openError = toUserError(error)
      return null
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

  const actions = {
    openSample: () => open(() => host.openSample()).then(() => undefined),
    openPath: (path: string) => open(() => host.openPath({ path })).then(() => undefined),
    /** The native dialog where the host has one; views without it use uploadFile. */
    openFile: () => open(() => host.openDialog()).then(() => undefined),
    uploadFile: (file: File) => open(() => uploadInChunks(host, file)).then(() => undefined),
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
    reloadSeries: loadSeries
  }

  return {
    actions,
    setDataset,
    refreshRecent,
    /** Puts a run's data settings in the form of the open dataset (its own). */
    applyRunData(run: RunSummary): void {
      if (!state.dataset || state.dataset.path !== run.dataset.path) return
      state.dataForm = dataFormFrom(run, state.dataset)
      void loadSeries()
    },
    /**
     * Makes a run's dataset the open one, in the view the user is in, so every
     * view shows the data the run was trained on. False when it cannot be
     * reopened (moved or deleted; the reason is in openError).
     */
    async openRunDataset(run: RunSummary): Promise<boolean> {
      if (state.dataset?.path === run.dataset.path) return true
      const path = run.dataset.path
      // An upload is kept under a stored file name: show the name the run knows it by.
      const summary = await open(
        () =>
          isSample(path)
            ? host.openSample()
            : host.openPath({ path }).then((opened) => ({ ...opened, name: run.dataset.name })),
        null
      )
      if (!summary || summary.path !== path) return false
      state.dataForm = dataFormFrom(run, summary)
      void loadSeries()
      return true
    }
  }
}

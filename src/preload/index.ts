/**
 * The sandboxed preload: one named method per contract channel on
 * `window.hindsight`, nothing generic. It imports only electron and types, so
 * it bundles to one CommonJS file with no zod inside. Failures reject with the
 * contract's UserError object ({ code, message, file?, row?, column? }).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import type { HindsightApi, Unsubscribe } from '../shared/api'
import type {
  Envelope,
  EventChannel,
  EventPayload,
  InvokeChannel,
  Req,
  Res
} from '../shared/ipc-contract'

/** Every event the renderer may subscribe to; the record makes a missing one a compile error. */
const EVENTS: Record<EventChannel, true> = {
  'train:progress': true,
  'train:epoch': true,
  'train:finished': true,
  'engine:status': true,
  'dataset:opened': true,
  'menu:command': true,
  'explain:progress': true,
  'dataset:progress': true
}

async function invoke<C extends InvokeChannel>(channel: C, req?: Req<C>): Promise<Res<C>> {
  const envelope = (await ipcRenderer.invoke(channel, req)) as Envelope<Res<C>>
  if (envelope.ok) return envelope.value
  return Promise.reject(envelope.error)
}

function on<E extends EventChannel>(
  event: E,
  listener: (payload: EventPayload<E>) => void
): Unsubscribe {
  if (!Object.prototype.hasOwnProperty.call(EVENTS, event)) {
    throw new Error(`Unknown event: ${String(event)}`)
  }
  const wrapped = (_event: IpcRendererEvent, payload: EventPayload<E>): void => listener(payload)
  ipcRenderer.on(event, wrapped)
  return () => {
    ipcRenderer.removeListener(event, wrapped)
  }
}

const api = {
  appInfo: () => invoke('app:info'),
  engineStatus: () => invoke('engine:status'),
  openSample: () => invoke('dataset:openSample'),
  openPath: (req) => invoke('dataset:openPath', req),
  openDialog: () => invoke('dataset:openDialog'),
  uploadDataset: (req) => invoke('dataset:upload', req),
  recentFiles: () => invoke('dataset:recent'),
  datasetSeries: (req) => invoke('dataset:series', req),
  datasetRows: (req) => invoke('dataset:rows', req),
  uploadStart: (req) => invoke('dataset:uploadStart', req),
  uploadChunk: (req) => invoke('dataset:uploadChunk', req),
  uploadFinish: (req) => invoke('dataset:uploadFinish', req),
  inspectDataset: (req) => invoke('dataset:inspect', req),
  rereadDataset: (req) => invoke('dataset:reread', req),
  cancelOpen: () => invoke('dataset:cancelOpen'),
  startTraining: (req) => invoke('train:start', req),
  cancelTraining: (req) => invoke('train:cancel', req),
  listRuns: () => invoke('runs:list'),
  getRun: (req) => invoke('runs:get', req),
  listDamagedRuns: () => invoke('runs:damaged'),
  resumeRun: (req) => invoke('runs:resume', req),
  useBestWeights: (req) => invoke('runs:useBest', req),
  forecast: (req) => invoke('runs:forecast', req),
  updateRun: (req) => invoke('runs:update', req),
  deleteRun: (req) => invoke('runs:delete', req),
  exportRun: (req) => invoke('runs:export', req),
  importRun: (req) => invoke('runs:import', req),
  getAppState: () => invoke('app:getState'),
  setAppState: (req) => invoke('app:setState', req),
  planExplanation: (req) => invoke('explain:plan', req),
  runExplanation: (req) => invoke('explain:run', req),
  cancelExplanation: (req) => invoke('explain:cancel', req),
  listExplanations: (req) => invoke('explain:list', req),
  planGlobalImportance: (req) => invoke('explain:globalPlan', req),
  globalImportance: (req) => invoke('explain:global', req),
  listGlobalImportance: (req) => invoke('explain:globalList', req),
  renderExport: (req) => invoke('export:render', req),
  whatIf: (req) => invoke('explain:whatif', req),
  counterfactual: (req) => invoke('explain:counterfactual', req),
  sensitivity: (req) => invoke('explain:sensitivity', req),
  saveScenario: (req) => invoke('scenario:save', req),
  listScenarios: (req) => invoke('scenario:list', req),
  deleteScenario: (req) => invoke('scenario:delete', req),
  exportScenario: (req) => invoke('scenario:export', req),
  on,
  pathForFile: (file) => webUtils.getPathForFile(file)
} satisfies HindsightApi

contextBridge.exposeInMainWorld('hindsight', api)

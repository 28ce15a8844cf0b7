/**
 * The API the renderer sees, whichever host serves it. The preload exposes it
 * as `window.hindsight`; browser mode implements it over the WebSocket bridge.
 * One named method per channel, nothing generic.
 */
import type { EventChannel, EventPayload, Req, Res } from './ipc-contract'

export type Unsubscribe = () => void

export interface HindsightApi {
  appInfo(): Promise<Res<'app:info'>>
  engineStatus(): Promise<Res<'engine:status'>>
  openSample(): Promise<Res<'dataset:openSample'>>
  openPath(req: Req<'dataset:openPath'>): Promise<Res<'dataset:openPath'>>
  openDialog(): Promise<Res<'dataset:openDialog'>>
  uploadDataset(req: Req<'dataset:upload'>): Promise<Res<'dataset:upload'>>
  recentFiles(): Promise<Res<'dataset:recent'>>
  datasetSeries(req: Req<'dataset:series'>): Promise<Res<'dataset:series'>>
  datasetRows(req: Req<'dataset:rows'>): Promise<Res<'dataset:rows'>>
  uploadStart(req: Req<'dataset:uploadStart'>): Promise<Res<'dataset:uploadStart'>>
  uploadChunk(req: Req<'dataset:uploadChunk'>): Promise<Res<'dataset:uploadChunk'>>
  uploadFinish(req: Req<'dataset:uploadFinish'>): Promise<Res<'dataset:uploadFinish'>>
  inspectDataset(req: Req<'dataset:inspect'>): Promise<Res<'dataset:inspect'>>
  rereadDataset(req: Req<'dataset:reread'>): Promise<Res<'dataset:reread'>>
  cancelOpen(): Promise<Res<'dataset:cancelOpen'>>
  startTraining(req: Req<'train:start'>): Promise<Res<'train:start'>>
  cancelTraining(req: Req<'train:cancel'>): Promise<Res<'train:cancel'>>
  listRuns(): Promise<Res<'runs:list'>>
  getRun(req: Req<'runs:get'>): Promise<Res<'runs:get'>>
  listDamagedRuns(): Promise<Res<'runs:damaged'>>
  resumeRun(req: Req<'runs:resume'>): Promise<Res<'runs:resume'>>
  useBestWeights(req: Req<'runs:useBest'>): Promise<Res<'runs:useBest'>>
  forecast(req: Req<'runs:forecast'>): Promise<Res<'runs:forecast'>>
  updateRun(req: Req<'runs:update'>): Promise<Res<'runs:update'>>
  deleteRun(req: Req<'runs:delete'>): Promise<Res<'runs:delete'>>
  exportRun(req: Req<'runs:export'>): Promise<Res<'runs:export'>>
  importRun(req: Req<'runs:import'>): Promise<Res<'runs:import'>>
  getAppState(): Promise<Res<'app:getState'>>
  setAppState(req: Req<'app:setState'>): Promise<Res<'app:setState'>>
  planExplanation(req: Req<'explain:plan'>): Promise<Res<'explain:plan'>>
  runExplanation(req: Req<'explain:run'>): Promise<Res<'explain:run'>>
  cancelExplanation(req: Req<'explain:cancel'>): Promise<Res<'explain:cancel'>>
  listExplanations(req: Req<'explain:list'>): Promise<Res<'explain:list'>>
  planGlobalImportance(req: Req<'explain:globalPlan'>): Promise<Res<'explain:globalPlan'>>
  globalImportance(req: Req<'explain:global'>): Promise<Res<'explain:global'>>
  listGlobalImportance(req: Req<'explain:globalList'>): Promise<Res<'explain:globalList'>>
  renderExport(req: Req<'export:render'>): Promise<Res<'export:render'>>
  whatIf(req: Req<'explain:whatif'>): Promise<Res<'explain:whatif'>>
  counterfactual(req: Req<'explain:counterfactual'>): Promise<Res<'explain:counterfactual'>>
  sensitivity(req: Req<'explain:sensitivity'>): Promise<Res<'explain:sensitivity'>>
  saveScenario(req: Req<'scenario:save'>): Promise<Res<'scenario:save'>>
  listScenarios(req: Req<'scenario:list'>): Promise<Res<'scenario:list'>>
  deleteScenario(req: Req<'scenario:delete'>): Promise<Res<'scenario:delete'>>
  exportScenario(req: Req<'scenario:export'>): Promise<Res<'scenario:export'>>
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): Unsubscribe
  /**
   * Electron only: the file-system path of a file dropped on the window (the
   * sandboxed renderer cannot see paths). Absent in browser mode, which uploads.
   */
  pathForFile?(file: File): string
}

/** The channel each API method calls; hosts are built from this table. */
export const API_CHANNELS = {
  appInfo: 'app:info',
  engineStatus: 'engine:status',
  openSample: 'dataset:openSample',
  openPath: 'dataset:openPath',
  openDialog: 'dataset:openDialog',
  uploadDataset: 'dataset:upload',
  recentFiles: 'dataset:recent',
  datasetSeries: 'dataset:series',
  datasetRows: 'dataset:rows',
  uploadStart: 'dataset:uploadStart',
  uploadChunk: 'dataset:uploadChunk',
  uploadFinish: 'dataset:uploadFinish',
  inspectDataset: 'dataset:inspect',
  rereadDataset: 'dataset:reread',
  cancelOpen: 'dataset:cancelOpen',
  startTraining: 'train:start',
  cancelTraining: 'train:cancel',
  listRuns: 'runs:list',
  getRun: 'runs:get',
  listDamagedRuns: 'runs:damaged',
  resumeRun: 'runs:resume',
  useBestWeights: 'runs:useBest',
  forecast: 'runs:forecast',
  updateRun: 'runs:update',
  deleteRun: 'runs:delete',
  exportRun: 'runs:export',
  importRun: 'runs:import',
  getAppState: 'app:getState',
  setAppState: 'app:setState',
  planExplanation: 'explain:plan',
  runExplanation: 'explain:run',
  cancelExplanation: 'explain:cancel',
  listExplanations: 'explain:list',
  planGlobalImportance: 'explain:globalPlan',
  globalImportance: 'explain:global',
  listGlobalImportance: 'explain:globalList',
  renderExport: 'export:render',
  whatIf: 'explain:whatif',
  counterfactual: 'explain:counterfactual',
  sensitivity: 'explain:sensitivity',
  saveScenario: 'scenario:save',
  listScenarios: 'scenario:list',
  deleteScenario: 'scenario:delete',
  exportScenario: 'scenario:export'
} as const satisfies Record<Exclude<keyof HindsightApi, 'on' | 'pathForFile'>, string>

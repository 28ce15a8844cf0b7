/**
 * The Electron host: the preload's `window.hindsight`, with rejections turned
 * into HostError (contextBridge hands them over as plain objects).
 */
import type { HindsightApi } from '@shared/api'
import { HostError, toUserError } from './host-error'

function rethrow(error: unknown): never {
  throw new HostError(toUserError(error))
}

export function electronHost(api: HindsightApi): HindsightApi {
  const host: HindsightApi = {
    appInfo: () => api.appInfo().catch(rethrow),
    engineStatus: () => api.engineStatus().catch(rethrow),
    openSample: () => api.openSample().catch(rethrow),
    openPath: (req) => api.openPath(req).catch(rethrow),
    openDialog: () => api.openDialog().catch(rethrow),
    uploadDataset: (req) => api.uploadDataset(req).catch(rethrow),
    recentFiles: () => api.recentFiles().catch(rethrow),
    datasetSeries: (req) => api.datasetSeries(req).catch(rethrow),
    startTraining: (req) => api.startTraining(req).catch(rethrow),
    cancelTraining: (req) => api.cancelTraining(req).catch(rethrow),
    listRuns: () => api.listRuns().catch(rethrow),
    getRun: (req) => api.getRun(req).catch(rethrow),
    on: (event, listener) => api.on(event, listener)
  }
  const pathForFile = api.pathForFile
  if (pathForFile) host.pathForFile = (file) => pathForFile(file)
  return host
}

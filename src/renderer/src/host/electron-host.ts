/**
 * The Electron host: the preload's `window.hindsight`, with rejections turned
 * into HostError (contextBridge hands them over as plain objects).
 */
import type { HindsightApi } from '@shared/api'
import { API_CHANNELS } from '@shared/api'
import type { InvokeChannel } from '@shared/ipc-contract'
import { fromChannelTable } from './channel-table'
import { HostError, toUserError } from './host-error'

function rethrow(error: unknown): never {
  throw new HostError(toUserError(error))
}

const METHOD_OF = Object.fromEntries(
  Object.entries(API_CHANNELS).map(([method, channel]) => [channel, method])
) as Record<InvokeChannel, keyof typeof API_CHANNELS>

export function electronHost(api: HindsightApi): HindsightApi {
  const call = (channel: InvokeChannel, req: unknown): Promise<unknown> => {
    const method = api[METHOD_OF[channel]] as (req?: unknown) => Promise<unknown>
    return method(req).catch(rethrow)
  }
  const host: HindsightApi = {
    ...fromChannelTable(call),
    on: (event, listener) => api.on(event, listener)
  }
  const pathForFile = api.pathForFile
  if (pathForFile) host.pathForFile = (file) => pathForFile(file)
  return host
}

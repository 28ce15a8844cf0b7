/**
 * Wires every contract channel to the services' handlers, and every services
 * event to the window. Returns a function that undoes both.
 */
import type { WebContents } from 'electron'
import { INVOKE_CHANNELS } from '../../shared/ipc-contract'
import type { InvokeChannel } from '../../shared/ipc-contract'
import type { Services } from '../../core/services/types'
import type { SenderPolicy } from './handle'
import { emit, handle, unhandle } from './handle'

const DATASET_OPENERS: readonly InvokeChannel[] = [
  'dataset:openPath',
  'dataset:openDialog',
  'dataset:upload',
  'dataset:openSample'
]

export function registerIpc(options: {
  services: Services
  policy: SenderPolicy
  contents(): WebContents | null
  /** Called after a dataset was opened (to refresh the recent-files menu). */
  onDatasetOpened(path: string): void
}): () => void {
  const { services, policy } = options
  for (const channel of INVOKE_CHANNELS) {
    if (DATASET_OPENERS.includes(channel)) {
      handle(channel, services.handlers, policy, (value) => {
        if (
          value !== null &&
          typeof value === 'object' &&
          'path' in value &&
          typeof value.path === 'string'
        ) {
          options.onDatasetOpened(value.path)
        }
      })
    } else {
      handle(channel, services.handlers, policy)
    }
  }
  const stop = services.onEvent((event, payload) => emit(options.contents(), event, payload))
  return () => {
    stop()
    for (const channel of INVOKE_CHANNELS) unhandle(channel)
  }
}

/**
 * Builds the request methods of a host from API_CHANNELS (method → channel),
 * so every host gains a new contract channel without being edited.
 */
import type { HindsightApi } from '@shared/api'
import { API_CHANNELS } from '@shared/api'
import type { InvokeChannel } from '@shared/ipc-contract'

export type RequestMethods = Omit<HindsightApi, 'on' | 'pathForFile'>

export function fromChannelTable(
  call: (channel: InvokeChannel, req: unknown) => Promise<unknown>
): RequestMethods {
  const methods: Record<string, (req?: unknown) => Promise<unknown>> = {}
  for (const [method, channel] of Object.entries(API_CHANNELS) as [string, InvokeChannel][]) {
    methods[method] = (req?: unknown) => call(channel, req)
  }
  return methods as unknown as RequestMethods
}

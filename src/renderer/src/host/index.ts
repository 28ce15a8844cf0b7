/**
 * `useHost()`: the one way components reach the app. It is the preload's API
 * in Electron and the WebSocket bridge in a browser; components never know
 * which (capabilities come from `appInfo().canOpenPaths` and `pathForFile`).
 */
import { inject } from 'vue'
import type { InjectionKey } from 'vue'
import type { HindsightApi } from '@shared/api'
import { electronHost } from './electron-host'
import { bridgeUrl, wsHost } from './ws-host'

export const HOST_KEY: InjectionKey<HindsightApi> = Symbol('hindsight-host')

/** Picks the host for this page: the preload's API when present, the bridge otherwise. */
export function createHost(
  win: { readonly hindsight?: HindsightApi | undefined; readonly location: { href: string } },
  createWsHost: (url: string) => HindsightApi = wsHost
): HindsightApi {
  return win.hindsight ? electronHost(win.hindsight) : createWsHost(bridgeUrl(win.location.href))
}

export function useHost(): HindsightApi {
  const host = inject(HOST_KEY, null)
  if (host === null) throw new Error('useHost() called outside the app: no host was provided.')
  return host
}

export { HostError, toUserError } from './host-error'

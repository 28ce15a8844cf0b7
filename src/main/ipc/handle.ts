/**
 * The only file that touches ipcMain. `handle()` registers one contract
 * channel: it refuses senders other than our window's main frame on our own
 * page, validates the payload with the contract's schema, and answers with an
 * Envelope so errors keep their fields across the boundary.
 */
import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import type {
  Envelope,
  EventChannel,
  EventPayload,
  InvokeChannel,
  Res
} from '../../shared/ipc-contract'
import type { Handlers } from '../../core/services/types'
import { isTrustedSender } from '../security'
import { dispatch } from '../../core/services/dispatch'

export interface SenderPolicy {
  /** The webContents id of our window, or null before it exists. */
  webContentsId(): number | null
  appUrl: string
}

export const FORBIDDEN = {
  code: 'forbidden',
  message: 'Refused: the request did not come from the Hindsight window.'
} as const

export function handle<C extends InvokeChannel>(
  channel: C,
  handlers: Handlers,
  policy: SenderPolicy,
  after?: (value: Res<C>) => void
): void {
  ipcMain.handle(
    channel,
    async (event: IpcMainInvokeEvent, payload: unknown): Promise<Envelope<Res<C>>> => {
      if (
        !isTrustedSender(event, { webContentsId: policy.webContentsId(), appUrl: policy.appUrl })
      ) {
        return { ok: false, error: { ...FORBIDDEN } }
      }
      const envelope = await dispatch(handlers, channel, payload)
      if (envelope.ok && after) after(envelope.value)
      return envelope
    }
  )
}

export function unhandle(channel: InvokeChannel): void {
  ipcMain.removeHandler(channel)
}

/** Sends a contract event to the window, if it is still there. */
export function emit<E extends EventChannel>(
  contents: WebContents | null,
  event: E,
  payload: EventPayload<E>
): void {
  if (contents === null || contents.isDestroyed()) return
  contents.send(event, payload)
}

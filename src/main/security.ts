/**
 * The window's security posture, as pure functions and one `applySecurity()`
 * that wires them to Electron. Everything decides from its arguments alone, so
 * unit tests check each rule without launching Electron.
 */
import type { Session, WebContents } from 'electron'

import { CONTENT_SECURITY_POLICY } from '../shared/csp'

export { CONTENT_SECURITY_POLICY }

/**
 * Whether `candidate` is the app's own page: the same file (file: URLs) or the
 * same origin and path (the dev server). Parsed with URL, never by prefix, so
 * `http://localhost:5173.evil.test` or `file:///app/index.html.evil` fail.
 */
export function isAppUrl(candidate: string, appUrl: string): boolean {
  let url: URL
  let app: URL
  try {
    url = new URL(candidate)
    app = new URL(appUrl)
  } catch {
    return false
  }
  if (url.protocol !== app.protocol) return false
  if (app.protocol === 'file:') return url.host === app.host && url.pathname === app.pathname
  if (app.protocol !== 'http:' && app.protocol !== 'https:') return false
  return url.origin === app.origin && url.pathname === app.pathname
}

/** What a frame looks like to the sender check (a subset of Electron's WebFrameMain). */
export interface SenderFrame {
  readonly url: string
  readonly parent: unknown
}

/** The parts of an IPC event the sender check reads. */
export interface SenderEvent {
  readonly sender: { readonly id: number }
  readonly senderFrame: SenderFrame | null
}

/**
 * An IPC message is trusted only when it comes from the main frame of our own
 * window's webContents, showing our own page.
 */
export function isTrustedSender(
  event: SenderEvent,
  expected: { webContentsId: number | null; appUrl: string }
): boolean {
  const frame = event.senderFrame
  if (frame === null || expected.webContentsId === null) return false
  if (event.sender.id !== expected.webContentsId) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, expected.appUrl)
}

/** `will-navigate` and `will-redirect`: the page never leaves itself. */
export function preventNavigation(event: { preventDefault(): void }): void {
  event.preventDefault()
}

/** `setWindowOpenHandler`: no new windows, ever. */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' }
}

/** Permission requests (camera, notifications, ...): all denied. */
export function denyPermissionRequest(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void
): void {
  callback(false)
}

/** Permission checks: all denied. */
export function denyPermissionCheck(): boolean {
  return false
}

/** Adds the CSP header to responses that have headers (dev server; file: loads use the meta tag). */
export function withCspHeader(
  headers: Record<string, string[]> | undefined
): Record<string, string[]> {
  const next: Record<string, string[]> = { ...(headers ?? {}) }
  for (const key of Object.keys(next)) {
    if (key.toLowerCase() === 'content-security-policy') delete next[key]
  }
  next['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return next
}

/** Installs every rule on a session and a window's webContents. */
export function applySecurity(session: Session, contents: WebContents): void {
  session.setPermissionRequestHandler(denyPermissionRequest)
  session.setPermissionCheckHandler(denyPermissionCheck)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) })
  })
  contents.on('will-navigate', preventNavigation)
  contents.on('will-redirect', preventNavigation)
  contents.on('will-attach-webview', preventNavigation)
  contents.setWindowOpenHandler(denyWindowOpen)
}

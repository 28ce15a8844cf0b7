import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import {
  applySecurity,
  CONTENT_SECURITY_POLICY,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isAppUrl,
  isTrustedSender,
  preventNavigation,
  withCspHeader
} from '../../../src/main/security'

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/)
        return [name ?? '', values.join(' ')] as [string, string]
      })
  )
}

describe('content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY)

  it('denies by default and allows scripts only from the app itself', () => {
    expect(csp.get('default-src')).toBe("'none'")
    expect(csp.get('script-src')).toBe("'self'")
    expect(csp.get('object-src')).toBe("'none'")
    expect(csp.get('base-uri')).toBe("'none'")
    expect(csp.get('frame-ancestors')).toBe("'none'")
  })

  it('never allows inline or eval code', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|wasm-unsafe-eval|\*/)
  })

  it('is the same policy as the meta tag in index.html (minus header-only directives)', () => {
    const html = readFileSync(join(__dirname, '../../../src/renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1]
    expect(meta).toBeDefined()
    const fromMeta = directives(meta ?? '')
    const expected = new Map(csp)
    expected.delete('frame-ancestors') // ignored in <meta>
    expect(fromMeta).toEqual(expected)
  })

  it('replaces any CSP header a response brings', () => {
    const headers = withCspHeader({
      'content-security-policy': ['default-src *'],
      'X-Other': ['1']
    })
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY])
    expect(headers['content-security-policy']).toBeUndefined()
    expect(headers['X-Other']).toEqual(['1'])
  })
})

describe('isAppUrl', () => {
  const file = 'file:///opt/hindsight/out/renderer/index.html'
  const dev = 'http://localhost:5173/'

  it('accepts the app page itself, with or without query or hash', () => {
    expect(isAppUrl(file, file)).toBe(true)
    expect(isAppUrl(`${file}#/train`, file)).toBe(true)
    expect(isAppUrl(dev, dev)).toBe(true)
    expect(isAppUrl('http://localhost:5173/?x=1', dev)).toBe(true)
  })

  it('refuses lookalikes that a prefix test would let through', () => {
    expect(isAppUrl('http://localhost:5173.evil.test/', dev)).toBe(false)
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false)
    expect(isAppUrl('https://localhost:5173/', dev)).toBe(false)
    expect(isAppUrl('file:///opt/hindsight/out/renderer/index.html.evil', file)).toBe(false)
    expect(isAppUrl('file:///tmp/index.html', file)).toBe(false)
    expect(isAppUrl('https://example.com/', file)).toBe(false)
    expect(isAppUrl('not a url', file)).toBe(false)
    expect(isAppUrl('javascript:alert(1)', file)).toBe(false)
  })
})

describe('isTrustedSender', () => {
  const appUrl = 'file:///app/out/renderer/index.html'
  const expected = { webContentsId: 7, appUrl }
  const event = (
    over: Partial<{ id: number; url: string; parent: unknown; frame: boolean }> = {}
  ) => ({
    sender: { id: over.id ?? 7 },
    senderFrame:
      over.frame === false ? null : { url: over.url ?? appUrl, parent: over.parent ?? null }
  })

  it('trusts the main frame of our window on our page', () => {
    expect(isTrustedSender(event(), expected)).toBe(true)
  })

  it('refuses another webContents, a subframe, another page, or a gone frame', () => {
    expect(isTrustedSender(event({ id: 8 }), expected)).toBe(false)
    expect(isTrustedSender(event({ parent: {} }), expected)).toBe(false)
    expect(isTrustedSender(event({ url: 'https://evil.test/' }), expected)).toBe(false)
    expect(isTrustedSender(event({ frame: false }), expected)).toBe(false)
    expect(isTrustedSender(event(), { webContentsId: null, appUrl })).toBe(false)
  })
})

describe('navigation, windows and permissions', () => {
  it('prevents every navigation', () => {
    const event = { preventDefault: vi.fn() }
    preventNavigation(event)
    expect(event.preventDefault).toHaveBeenCalledOnce()
  })

  it('denies every new window', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' })
  })

  it('denies every permission request and check', () => {
    const callback = vi.fn()
    denyPermissionRequest({}, 'media', callback)
    denyPermissionRequest({}, 'notifications', callback)
    expect(callback.mock.calls).toEqual([[false], [false]])
    expect(denyPermissionCheck()).toBe(false)
  })

  it('applySecurity installs every rule', () => {
    const on = vi.fn()
    const contents = { on, setWindowOpenHandler: vi.fn() }
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() }
    }
    applySecurity(session as never, contents as never)
    expect(session.setPermissionRequestHandler).toHaveBeenCalledWith(denyPermissionRequest)
    expect(session.setPermissionCheckHandler).toHaveBeenCalledWith(denyPermissionCheck)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(denyWindowOpen)
    const events = on.mock.calls.map(([name]) => name)
    expect(events).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect']))
    for (const [, handler] of on.mock.calls) expect(handler).toBe(preventNavigation)
    const headerHook = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      cb: (r: { responseHeaders: Record<string, string[]> }) => void
    ) => void
    const cb = vi.fn()
    headerHook({ responseHeaders: {} }, cb)
    expect(cb).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
    })
  })
})

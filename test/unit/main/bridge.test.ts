import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import type { Bridge } from '../../../src/bridge/ws-server'
import {
  hostAllowed,
  originAllowed,
  splitTokenPath,
  startBridge,
  tokenMatches
} from '../../../src/bridge/ws-server'
import { resolveStaticPath } from '../../../src/bridge/static-files'
import type { EventListener, Handlers } from '../../../src/core/services/types'
import { UserFacingError } from '../../../src/core/errors'
import { INVOKE_CHANNELS } from '../../../src/shared/ipc-contract'

const TOKEN = 'test-token-0123456789abcdef'
let bridge: Bridge
let emitEvent: EventListener = () => undefined
const upload = vi.fn(async ({ name }: { name: string; text: string }) => {
  throw new UserFacingError('bad-number', 'Not a number', { file: name, row: 3, column: 'co2' })
})

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hindsight-bridge-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Hindsight</title>')
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, '..', 'secret.txt'), 'secret')
  const handlers = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, vi.fn(async () => ({ channel: c }))])
  ) as unknown as Handlers
  handlers['dataset:upload'] = upload as unknown as Handlers['dataset:upload']
  bridge = await startBridge({
    services: {
      handlers,
      onEvent: (listener) => {
        emitEvent = listener
        return () => undefined
      }
    },
    rendererDir: dir,
    token: TOKEN
  })
})

afterAll(async () => {
  await bridge.close()
})

function get(
  path: string,
  headers: Record<string, string> = {}
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path, headers }, (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

function connect(path: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}${path}`, { headers })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

function call(ws: WebSocket, id: number, channel: string, payload?: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as { kind: string; id?: number }
      if (message.kind === 'response' && message.id === id) {
        ws.off('message', onMessage)
        resolve(message)
      }
    }
    ws.on('message', onMessage)
    ws.send(JSON.stringify({ id, channel, payload }))
  })
}

describe('bridge: HTTP', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/${TOKEN}/`)
  })

  it('serves the page and its assets under the token, with a strict CSP', async () => {
    const page = await get(`/${TOKEN}/`)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Hindsight</title>')
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(page.headers['referrer-policy']).toBe('no-referrer')
    const asset = await get(`/${TOKEN}/assets/app.js`)
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toMatch(/javascript/)
  })

  it('refuses a missing or wrong token', async () => {
    expect((await get('/')).status).toBe(403)
    expect((await get('/index.html')).status).toBe(403)
    expect((await get('/wrong-token/')).status).toBe(403)
    expect((await get(`/${TOKEN}x/assets/app.js`)).status).toBe(403)
  })

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get(`/${TOKEN}/`, { Host: 'evil.test' })).status).toBe(421)
  })

  it('never serves files outside the renderer folder', async () => {
    expect((await get(`/${TOKEN}/../secret.txt`)).status).not.toBe(200)
    expect((await get(`/${TOKEN}/%2e%2e/secret.txt`)).status).toBe(404)
    expect((await get(`/${TOKEN}/assets/%2e%2e%2f%2e%2e%2fsecret.txt`)).status).toBe(404)
  })
})

describe('bridge: WebSocket', () => {
  it('refuses a missing or wrong token, and a foreign origin', async () => {
    await expect(connect('/ws')).rejects.toThrow(/403/)
    await expect(connect('/wrong/ws')).rejects.toThrow(/403/)
    await expect(connect(`/${TOKEN}/ws`, { Origin: 'https://evil.test' })).rejects.toThrow(/403/)
  })

  it('calls the handlers with validated payloads and answers in envelopes', async () => {
    const ws = await connect(`/${TOKEN}/ws`, { Origin: `http://127.0.0.1:${bridge.port}` })
    await expect(call(ws, 1, 'runs:list')).resolves.toEqual({
      kind: 'response',
      id: 1,
      envelope: { ok: true, value: { channel: 'runs:list' } }
    })
    const invalid = (await call(ws, 2, 'dataset:openPath', { path: 5 })) as {
      envelope: { ok: boolean; error: { code: string } }
    }
    expect(invalid.envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const unknown = (await call(ws, 3, 'shell:exec', {})) as {
      envelope: { error: { code: string } }
    }
    expect(unknown.envelope.error.code).toBe('unknown-channel')
    const failed = (await call(ws, 4, 'dataset:upload', { name: 'bad.csv', text: 'x' })) as {
      envelope: unknown
    }
    expect(failed.envelope).toEqual({
      ok: false,
      error: { code: 'bad-number', message: 'Not a number', file: 'bad.csv', row: 3, column: 'co2' }
    })
    ws.close()
  })

  it('pushes service events to connected clients', async () => {
    const ws = await connect(`/${TOKEN}/ws`)
    const message = new Promise((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(d.toString())))
    )
    emitEvent('menu:command', { type: 'openSample' })
    await expect(message).resolves.toEqual({
      kind: 'event',
      event: 'menu:command',
      payload: { type: 'openSample' }
    })
    ws.close()
  })
})

describe('bridge helpers', () => {
  it('compares tokens exactly', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true)
    expect(tokenMatches('abd', 'abc')).toBe(false)
    expect(tokenMatches('ab', 'abc')).toBe(false)
    expect(tokenMatches(undefined, 'abc')).toBe(false)
  })

  it('splits the token from the path', () => {
    expect(splitTokenPath('/t/assets/a.js?x=1')).toEqual({ token: 't', rest: '/assets/a.js' })
    expect(splitTokenPath('/t')).toEqual({ token: 't', rest: '' })
    expect(splitTokenPath('/')).toBeNull()
  })

  it('accepts only loopback hosts and origins on our port', () => {
    expect(hostAllowed('127.0.0.1:80', 80)).toBe(true)
    expect(hostAllowed('localhost:80', 80)).toBe(true)
    expect(hostAllowed('127.0.0.1.evil.test:80', 80)).toBe(false)
    expect(originAllowed('http://127.0.0.1:80', 80)).toBe(true)
    expect(originAllowed('http://127.0.0.1:81', 80)).toBe(false)
    expect(originAllowed('null', 80)).toBe(false)
  })

  it('resolves static paths inside the root only', () => {
    expect(resolveStaticPath('/r', '/')).toBe('/r/index.html')
    expect(resolveStaticPath('/r', '/assets/a.js')).toBe('/r/assets/a.js')
    expect(resolveStaticPath('/r', '/../etc/passwd')).toBeNull()
    expect(resolveStaticPath('/r', '/%2e%2e/%2e%2e/etc/passwd')).toBeNull()
    expect(resolveStaticPath('/r', '/%E0%A4%A')).toBeNull()
  })
})

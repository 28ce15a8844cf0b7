/**
 * Browser mode: the built renderer and a WebSocket bridge on 127.0.0.1 only.
 * A random token is part of every URL (`/<token>/...` for the page and its
 * assets, `/<token>/ws` for the socket); requests without it are refused. The
 * bridge calls the same handlers with the same schemas as Electron IPC.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { RawData, WebSocket } from 'ws'
import type { BridgeMessage, Envelope } from '../shared/ipc-contract'
import { MAX_BRIDGE_MESSAGE_BYTES, MAX_REQUESTS_IN_FLIGHT } from '../shared/bridge-limits'
import type { Services } from '../core/services/types'
import { dispatch, isInvokeChannel } from '../core/services/dispatch'
import { CONTENT_SECURITY_POLICY } from '../shared/csp'
import { readStatic } from './static-files'

export interface BridgeOptions {
  services: Pick<Services, 'handlers' | 'onEvent'>
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port?: number
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string
}

export interface Bridge {
  readonly url: string
  readonly port: number
  readonly token: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'

export function newToken(): string {
  return randomBytes(24).toString('base64url')
}

/** Constant-time comparison of a presented token with ours. */
export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false
  const a = Buffer.from(presented)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** Splits `/<token>/rest` into the token and the rest (`''` for the root). */
export function splitTokenPath(url: string | undefined): { token: string; rest: string } | null {
  if (url === undefined) return null
  const path = url.split('?')[0]?.split('#')[0] ?? ''
  const match = /^\/([^/]+)(\/.*)?$/.exec(path)
  if (match === null || match[1] === undefined) return null
  return { token: match[1], rest: match[2] ?? '' }
}

/** Only our own host names: a DNS-rebinding page would send its own name. */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${HOST}:${port}` || hostHeader === `localhost:${port}`
}

/** Browsers always send Origin on WebSocket; it must be our page. Non-browser clients send none. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true
  return origin === `http://${HOST}:${port}` || origin === `http://localhost:${port}`
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY'
} as const

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' })
  res.end(`${message}\n`)
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const token = options.token ?? newToken()
  const clients = new Set<WebSocket>()
  let port = 0

  const server = createServer((req, res) => {
    serveHttp(req, res).catch((error: unknown) => {
      console.error('[bridge] HTTP request failed:', error)
      if (!res.headersSent) refuse(res, 500, 'Internal error.')
      else res.destroy()
    })
  })

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, port)) return refuse(res, 421, 'Unknown host.')
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 405, 'Method not allowed.')
    const split = splitTokenPath(req.url)
    if (split === null || !tokenMatches(split.token, token)) {
      return refuse(
        res,
        403,
        'Hindsight: missing or wrong token. Open the URL that `npm run serve` printed.'
      )
    }
    if (split.rest === '') {
      res.writeHead(301, { ...SECURITY_HEADERS, Location: `/${token}/` })
      res.end()
      return
    }
    const file = await readStatic(options.rendererDir, split.rest)
    if (file === null) return refuse(res, 404, 'Not found.')
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': file.type,
      'Content-Length': file.body.length
    })
    res.end(req.method === 'HEAD' ? undefined : file.body)
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_BRIDGE_MESSAGE_BYTES })
  wss.on('error', (error) => console.error('[bridge] WebSocket server error:', error))

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const split = splitTokenPath(req.url)
    if (!hostAllowed(req.headers.host, port)) return refuseUpgrade(socket, 421, 'Misdirected')
    if (split === null || !tokenMatches(split.token, token) || split.rest !== '/ws') {
      return refuseUpgrade(socket, 403, 'Forbidden')
    }
    if (!originAllowed(req.headers.origin, port)) return refuseUpgrade(socket, 403, 'Forbidden')
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws)
      const inFlight = { count: 0 }
      ws.on('close', () => clients.delete(ws))
      // Oversized or malformed frames surface here; without a listener they would throw.
      ws.on('error', () => ws.terminate())
      ws.on('message', (data: RawData) => {
        answer(ws, data, inFlight).catch((error: unknown) => {
          console.error('[bridge] request failed unexpectedly:', error)
          ws.close(1011, 'Internal error')
        })
      })
    })
  })
  server.on('clientError', (_error, socket: Duplex) => socket.destroy())

  async function answer(ws: WebSocket, data: RawData, inFlight: { count: number }): Promise<void> {
    const request = parseRequest(data)
    if (typeof request === 'string') return ws.close(1003, request)
    const { id, channel, payload } = request
    if (inFlight.count >= MAX_REQUESTS_IN_FLIGHT) {
      return send(ws, { kind: 'response', id, envelope: tooManyRequests() })
    }
    inFlight.count += 1
    try {
      const envelope: Envelope<unknown> = isInvokeChannel(channel)
        ? await dispatch(options.services.handlers, channel, payload)
        : {
            ok: false,
            error: {
              code: 'unknown-channel',
              message: `Unknown channel: ${String(channel).slice(0, 80)}`
            }
          }
      send(ws, { kind: 'response', id, envelope })
    } finally {
      inFlight.count -= 1
    }
  }

  function send(ws: WebSocket, message: BridgeMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }

  const stopEvents = options.services.onEvent((event, payload) => {
    const message = { kind: 'event', event, payload } as BridgeMessage
    for (const ws of clients) send(ws, message)
  })

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject)
      resolvePromise()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://${HOST}:${port}/${token}/`,
    port,
    token,
    async close(): Promise<void> {
      stopEvents()
      for (const ws of clients) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
    }
  }
}

function tooManyRequests(): Envelope<never> {
  return {
    ok: false,
    error: {
      code: 'too-many-requests',
      message: `More than ${MAX_REQUESTS_IN_FLIGHT} requests are waiting for an answer on this connection; wait for some to finish.`
    }
  }
}

/**
 * A request envelope `{ id, channel, payload }` from raw WebSocket data, or
 * why it is not one (the socket is then closed: without an id there is
 * nothing to answer to).
 */
export function parseRequest(
  data: RawData
): { id: number; channel: unknown; payload: unknown } | string {
  let request: unknown
  try {
    request = JSON.parse(rawToString(data))
  } catch {
    return 'Messages must be JSON'
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return 'Messages must be JSON objects'
  }
  const { id, channel, payload } = request as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return 'Missing id'
  return { id, channel, payload }
}

function rawToString(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}

/**
 * The browser-mode host: the same HindsightApi over the token-protected
 * WebSocket bridge. It connects on first use, queues calls until the socket is
 * open, and reconnects on the next call after the connection drops.
 */
import type { HindsightApi } from '@shared/api'
import { fromChannelTable } from './channel-table'
import type {
  BridgeMessage,
  BridgeRequest,
  EventChannel,
  EventPayload,
  InvokeChannel,
  Req,
  Res
} from '@shared/ipc-contract'
import { MAX_REQUESTS_IN_FLIGHT } from '@shared/bridge-limits'
import { Pairing } from '@shared/pairing'
import { HostError } from './host-error'

/** The socket URL next to the page: `http://127.0.0.1:P/<token>/` → `ws://127.0.0.1:P/<token>/ws`. */
export function bridgeUrl(pageUrl: string): string {
  const url = new URL('ws', pageUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.search = ''
  url.hash = ''
  return url.href
}

type SocketLike = Pick<WebSocket, 'send' | 'close' | 'readyState'> & {
  onopen: ((event: Event) => void) | null
  onclose: ((event: CloseEvent) => void) | null
  onerror: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
}

export type SocketFactory = (url: string) => SocketLike

const OPEN = 1

const DISCONNECTED = {
  code: 'disconnected',
  message: 'Lost the connection to Hindsight. Is `npm run serve` still running?'
}

export function wsHost(
  url: string,
  createSocket: SocketFactory = (u) => new WebSocket(u)
): HindsightApi {
  let socket: SocketLike | null = null
  let opened: Promise<SocketLike> | null = null
  let nextId = 1
  const pairing = new Pairing<number, unknown>()
  const listeners = new Map<EventChannel, Set<(payload: never) => void>>()

  function connect(): Promise<SocketLike> {
    if (opened) return opened
    opened = new Promise<SocketLike>((resolve, reject) => {
      const ws = createSocket(url)
      socket = ws
      ws.onopen = () => resolve(ws)
      ws.onerror = () => reject(new HostError({ ...DISCONNECTED }))
      ws.onclose = () => {
        if (socket === ws) {
          socket = null
          opened = null
        }
        reject(new HostError({ ...DISCONNECTED }))
        pairing.failAll(new HostError({ ...DISCONNECTED }))
      }
      ws.onmessage = (event: MessageEvent) => receive(event.data)
    })
    return opened
  }

  function receive(data: unknown): void {
    if (typeof data !== 'string') return
    let message: BridgeMessage
    try {
      message = JSON.parse(data) as BridgeMessage
    } catch {
      return
    }
    if (message.kind === 'response') {
      if (message.envelope.ok) pairing.resolve(message.id, message.envelope.value)
      else pairing.reject(message.id, new HostError(message.envelope.error))
    } else if (message.kind === 'event') {
      const set = listeners.get(message.event)
      if (set) for (const listener of [...set]) listener(message.payload as never)
    }
  }

  // The bridge refuses more than MAX_REQUESTS_IN_FLIGHT unanswered requests per
  // connection: queue the rest here (e.g. comparing many runs at once).
  let inFlight = 0
  const waiting: (() => void)[] = []

  async function invoke<C extends InvokeChannel>(channel: C, payload?: Req<C>): Promise<Res<C>> {
    if (inFlight < MAX_REQUESTS_IN_FLIGHT) inFlight += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      const ws = await connect()
      if (ws.readyState !== OPEN) throw new HostError({ ...DISCONNECTED })
      const id = nextId++
      const request: BridgeRequest = { id, channel, payload }
      const reply = pairing.open(id)
      ws.send(JSON.stringify(request))
      // The bridge answers each channel with that channel's response (validated there).
      return (await reply) as Res<C>
    } finally {
      // Hand the slot to the next queued request, or free it.
      const next = waiting.shift()
      if (next) next()
      else inFlight -= 1
    }
  }

  function on<E extends EventChannel>(
    event: E,
    listener: (payload: EventPayload<E>) => void
  ): () => void {
    let set = listeners.get(event)
    if (!set) {
      set = new Set()
      listeners.set(event, set)
    }
    const entry = listener as (payload: never) => void
    set.add(entry)
    // Events only flow on an open socket: subscribing connects.
    connect().catch(() => undefined)
    return () => {
      set.delete(entry)
    }
  }

  return { ...fromChannelTable((channel, req) => invoke(channel, req as never)), on }
}

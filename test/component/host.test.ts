import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount } from '@vue/test-utils'
import type { HindsightApi } from '../../src/shared/api'
import { API_CHANNELS } from '../../src/shared/api'
import { createHost, HOST_KEY, useHost } from '../../src/renderer/src/host'
import { HostError } from '../../src/renderer/src/host/host-error'
import { bridgeUrl, wsHost } from '../../src/renderer/src/host/ws-host'
import { MAX_REQUESTS_IN_FLIGHT } from '../../src/shared/bridge-limits'
import type { SocketFactory } from '../../src/renderer/src/host/ws-host'
import { fakeHost } from './fake-host'

describe('useHost()', () => {
  it('uses the preload API when the page has one', async () => {
    const { host: preload } = fakeHost()
    const createWs = vi.fn()
    const host = createHost({ hindsight: preload, location: { href: 'file:///x' } }, createWs)
    await host.listRuns()
    expect(preload.listRuns).toHaveBeenCalled()
    expect(createWs).not.toHaveBeenCalled()
  })

  it('uses the WebSocket bridge next to the page otherwise', () => {
    const ws = fakeHost().host
    const createWs = vi.fn(() => ws)
    const host = createHost({ location: { href: 'http://127.0.0.1:5000/tok/' } }, createWs)
    expect(createWs).toHaveBeenCalledWith('ws://127.0.0.1:5000/tok/ws')
    expect(host).toBe(ws)
  })

  it('gives components the provided host, whichever it is', () => {
    const { host } = fakeHost()
    let seen: HindsightApi | null = null
    const Probe = defineComponent({
      setup() {
        seen = useHost()
        return () => h('div')
      }
    })
    mount(Probe, { global: { provide: { [HOST_KEY as symbol]: host } } })
    expect(seen).toBe(host)
  })

  it('turns the preload’s plain-object rejections into HostError with fields intact', async () => {
    const { host: preload } = fakeHost()
    preload.uploadDataset.mockRejectedValueOnce({ code: 'bad', message: 'Bad row', row: 3 })
    const host = createHost({ hindsight: preload, location: { href: 'file:///x' } })
    const error = await host.uploadDataset({ name: 'a.csv', text: '' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HostError)
    expect((error as HostError).error).toEqual({ code: 'bad', message: 'Bad row', row: 3 })
  })
})

describe('both hosts', () => {
  it('have a method for every channel of the contract', () => {
    const electron = createHost({ hindsight: fakeHost().host, location: { href: 'file:///x' } })
    const browser = wsHost('ws://h/t/ws', () => new FakeSocket() as never)
    for (const method of Object.keys(API_CHANNELS)) {
      expect(typeof (electron as unknown as Record<string, unknown>)[method]).toBe('function')
      expect(typeof (browser as unknown as Record<string, unknown>)[method]).toBe('function')
    }
  })
})

describe('bridgeUrl', () => {
  it('puts the socket under the same token path', () => {
    expect(bridgeUrl('http://127.0.0.1:4000/abc/')).toBe('ws://127.0.0.1:4000/abc/ws')
    expect(bridgeUrl('http://127.0.0.1:4000/abc/index.html?x#y')).toBe('ws://127.0.0.1:4000/abc/ws')
  })
})

class FakeSocket {
  readyState = 0
  sent: { id: number; channel: string; payload: unknown }[] = []
  onopen: ((e: Event) => void) | null = null
  onclose: ((e: CloseEvent) => void) | null = null
  onerror: ((e: Event) => void) | null = null
  onmessage: ((e: MessageEvent) => void) | null = null
  send(data: string): void {
    this.sent.push(JSON.parse(data))
  }
  close(): void {
    this.readyState = 3
    this.onclose?.({} as CloseEvent)
  }
  open(): void {
    this.readyState = 1
    this.onopen?.({} as Event)
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent)
  }
}

describe('wsHost', () => {
  function setup() {
    const sockets: FakeSocket[] = []
    const factory: SocketFactory = () => {
      const s = new FakeSocket()
      sockets.push(s)
      return s as never
    }
    return { host: wsHost('ws://h/t/ws', factory), sockets }
  }

  it('sends named calls as {id, channel, payload} and resolves with the value', async () => {
    const { host, sockets } = setup()
    const pending = host.getRun({ runId: 'r1' })
    sockets[0]?.open()
    await Promise.resolve()
    await Promise.resolve()
    expect(sockets[0]?.sent[0]).toEqual({ id: 1, channel: 'runs:get', payload: { runId: 'r1' } })
    sockets[0]?.receive({ kind: 'response', id: 1, envelope: { ok: true, value: 'detail' } })
    await expect(pending).resolves.toBe('detail')
  })

  it('rejects with HostError carrying the UserError', async () => {
    const { host, sockets } = setup()
    const pending = host.uploadDataset({ name: 'x.csv', text: 'a' })
    sockets[0]?.open()
    await vi.waitFor(() => expect(sockets[0]?.sent.length).toBe(1))
    const error = { code: 'csv-parse', message: 'Row 4 has 3 cells', file: 'x.csv', row: 4 }
    sockets[0]?.receive({ kind: 'response', id: 1, envelope: { ok: false, error } })
    await expect(pending).rejects.toMatchObject({ error })
  })

  it('delivers events to subscribers until they unsubscribe', () => {
    const { host, sockets } = setup()
    const seen: unknown[] = []
    const stop = host.on('menu:command', (c) => seen.push(c))
    sockets[0]?.open()
    sockets[0]?.receive({ kind: 'event', event: 'menu:command', payload: { type: 'open' } })
    stop()
    sockets[0]?.receive({ kind: 'event', event: 'menu:command', payload: { type: 'openSample' } })
    expect(seen).toEqual([{ type: 'open' }])
  })

  it('fails pending calls when the connection drops, and reconnects on the next call', async () => {
    const { host, sockets } = setup()
    const pending = host.listRuns()
    sockets[0]?.open()
    await vi.waitFor(() => expect(sockets[0]?.sent.length).toBe(1))
    sockets[0]?.close()
    await expect(pending).rejects.toMatchObject({ error: { code: 'disconnected' } })
    const again = host.listRuns()
    expect(sockets.length).toBe(2)
    sockets[1]?.open()
    await vi.waitFor(() => expect(sockets[1]?.sent.length).toBe(1))
    sockets[1]?.receive({ kind: 'response', id: 2, envelope: { ok: true, value: [] } })
    await expect(again).resolves.toEqual([])
  })

  it('keeps at most the bridge limit of requests in flight, queueing the rest in order', async () => {
    const { host, sockets } = setup()
    const total = MAX_REQUESTS_IN_FLIGHT + 5
    const pending = Array.from({ length: total }, (_, i) => host.getRun({ runId: `r${i}` }))
    sockets[0]?.open()
    await vi.waitFor(() => expect(sockets[0]?.sent.length).toBe(MAX_REQUESTS_IN_FLIGHT))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(sockets[0]?.sent.length).toBe(MAX_REQUESTS_IN_FLIGHT)
    // Each answer lets one queued request go, until all are sent and answered.
    for (let answered = 0; answered < total; answered++) {
      await vi.waitFor(() =>
        expect(sockets[0]?.sent.length).toBe(Math.min(total, MAX_REQUESTS_IN_FLIGHT + answered))
      )
      const request = sockets[0]!.sent[answered]!
      sockets[0]?.receive({
        kind: 'response',
        id: request.id,
        envelope: { ok: true, value: request.payload }
      })
    }
    const values = await Promise.all(pending)
    expect(values).toEqual(Array.from({ length: total }, (_, i) => ({ runId: `r${i}` })))
  })
})

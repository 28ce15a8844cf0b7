import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bridge } from '../../../src/bridge/ws-server'
import { MAX_BRIDGE_MESSAGE_BYTES, MAX_REQUESTS_IN_FLIGHT } from '../../../src/shared/bridge-limits'
import { startTestBridge } from './test-bridge'
import { call, connect, sendRaw } from './ws-client'

const TOKEN = 'hostile-token-0123456789'
let bridge: Bridge
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ bridge, stop } = await startTestBridge(TOKEN, 'hindsight-hostile-'))
})

afterAll(() => stop())

/** The server still answers a well-formed request on a fresh connection. */
async function stillServes(): Promise<void> {
  const ws = await connect(bridge.port, TOKEN)
  const reply = await call(ws, 1, 'app:info')
  expect(reply.envelope).toMatchObject({ ok: true, value: { host: 'browser' } })
  ws.close()
}

describe('bridge: hostile messages', () => {
  // Each one either closes the socket (nothing to answer to) or gets an error reply.
  const closing: [string, string | Buffer][] = [
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"runs:list"'],
    ['an array', '[1, "runs:list", null]'],
    ['an object without id', '{"channel":"runs:list"}'],
    ['a fractional id', '{"id":1.5,"channel":"runs:list"}'],
    ['a string id', '{"id":"1","channel":"runs:list"}'],
    ['truncated JSON', '{"id":1,"chan'],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0xc3])],
    ['deep nesting', '['.repeat(100_000) + ']'.repeat(100_000)]
  ]
  for (const [what, data] of closing) {
    it(`closes the socket on ${what} and keeps serving`, async () => {
      const ws = await connect(bridge.port, TOKEN)
      const outcome = await sendRaw(ws, data)
      expect(outcome).toMatchObject({ kind: 'closed', code: 1003 })
      await stillServes()
    })
  }

  it('answers an unknown channel, a missing channel and a null payload with typed errors', async () => {
    const ws = await connect(bridge.port, TOKEN)
    const unknown = await call(ws, 1, 'shell:exec', { cmd: 'rm -rf /' })
    expect(unknown.envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    const missing = await sendRaw(ws, '{"id":2}')
    expect(missing).toMatchObject({
      kind: 'message',
      message: { id: 2, envelope: { ok: false, error: { code: 'unknown-channel' } } }
    })
    const nullPayload = await call(ws, 3, 'runs:get', null)
    expect(nullPayload.envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const proto = await call(ws, 4, '__proto__', {})
    expect(proto.envelope).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
    const traversal = await call(ws, 5, 'runs:get', { runId: '../../etc' })
    expect(traversal.envelope).toMatchObject({ ok: false, error: { code: 'bad-run-id' } })
    ws.close()
  })

  it('closes the socket on a message over the size limit (100 MB of junk) and keeps serving', async () => {
    expect(MAX_BRIDGE_MESSAGE_BYTES).toBeLessThan(100 * 1024 * 1024)
    const ws = await connect(bridge.port, TOKEN)
    const outcome = await sendRaw(ws, Buffer.alloc(100 * 1024 * 1024, 0x7a))
    expect(outcome).toMatchObject({ kind: 'closed', code: 1009 })
    await stillServes()
  }, 30_000)

  it('bounds the requests in flight on one connection', async () => {
    const ws = await connect(bridge.port, TOKEN)
    const replies: { id: number; envelope: { ok: boolean; error?: { code: string } } }[] = []
    const all = new Promise<void>((resolve) => {
      ws.on('message', (raw) => {
        replies.push(JSON.parse(raw.toString()) as (typeof replies)[number])
        if (replies.length === MAX_REQUESTS_IN_FLIGHT + 8) resolve()
      })
    })
    // runs:list waits for the workspace scan, so these are all in flight together.
    for (let id = 1; id <= MAX_REQUESTS_IN_FLIGHT + 8; id++) {
      ws.send(JSON.stringify({ id, channel: 'runs:list' }))
    }
    await all
    const refused = replies.filter((r) => !r.envelope.ok)
    expect(refused.length).toBeGreaterThan(0)
    expect(refused.every((r) => r.envelope.error?.code === 'too-many-requests')).toBe(true)
    expect(replies.filter((r) => r.envelope.ok).length).toBeGreaterThanOrEqual(
      MAX_REQUESTS_IN_FLIGHT
    )
    ws.close()
    await stillServes()
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import type { Bridge } from '../../../src/bridge/ws-server'
import type { Services } from '../../../src/core/services'
import { dispatch } from '../../../src/core/services/dispatch'
import { UserErrorSchema } from '../../../src/shared/domain'
import {
  EngineRequestSchema,
  type EngineEvent,
  type EngineRequest
} from '../../../src/shared/engine-protocol'
import {
  INVOKE_CHANNELS,
  invokeContract,
  type InvokeChannel
} from '../../../src/shared/ipc-contract'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { startTestBridge } from './test-bridge'
import { Fuzz } from './fuzz-values'
import { connect, sendRaw } from './ws-client'

const TOKEN = 'fuzz-token-0123456789abcdef'
const MESSAGES = 10_000
let bridge: Bridge
let services: Services
let stop: () => Promise<void>

beforeAll(async () => {
  ;({ bridge, services, stop } = await startTestBridge(TOKEN, 'hindsight-fuzz-'))
})

afterAll(() => stop())

/** Every answer is the channel's response schema or a typed error; returns what was wrong. */
function checkEnvelope(channel: unknown, envelope: unknown): string | null {
  const e = envelope as { ok?: unknown; value?: unknown; error?: unknown }
  if (e.ok === false) {
    return UserErrorSchema.safeParse(e.error).success ? null : `untyped error ${JSON.stringify(e)}`
  }
  if (e.ok !== true) return `not an envelope: ${JSON.stringify(envelope)}`
  const schema = invokeContract[channel as InvokeChannel]?.res
  if (!schema) return `ok answer for unknown channel ${String(channel)}`
  return schema.safeParse(e.value).success ? null : `${String(channel)}: answer fails its schema`
}

describe('fuzz', () => {
  it(`the bridge answers ${MESSAGES} random messages with valid answers, typed errors or a close, and stays up with the same engine`, async () => {
    const fuzz = new Fuzz(20261129)
    let ws: WebSocket = await connect(bridge.port, TOKEN)
    const enginePid = await services.handlers['engine:status'](undefined).then((s) => s.pid)
    const problems: string[] = []
    const counts = { answered: 0, closed: 0 }
    for (let i = 1; i <= MESSAGES; i++) {
      const { data, answerable } = fuzz.message(i)
      const channel = answerable
        ? (JSON.parse(data as string) as { channel: unknown }).channel
        : null
      const outcome = await sendRaw(ws, data)
      if (outcome.kind === 'closed') {
        counts.closed += 1
        if (answerable)
          problems.push(`#${i}: closed (${outcome.code}) on ${String(data).slice(0, 80)}`)
        ws = await connect(bridge.port, TOKEN)
        continue
      }
      counts.answered += 1
      const message = outcome.message as { id?: unknown; envelope?: unknown }
      if (message.id !== i) problems.push(`#${i}: answer carries id ${String(message.id)}`)
      const wrong = checkEnvelope(channel, message.envelope)
      if (wrong) problems.push(`#${i}: ${wrong}`)
    }
    ws.close()
    expect(problems.slice(0, 10)).toEqual([])
    expect(counts.answered + counts.closed).toBe(MESSAGES)
    expect(counts.closed).toBeGreaterThan(500)
    // The engine that answered before the storm is the one answering after it.
    const after = await services.handlers['engine:status'](undefined)
    expect(after.pid).toBe(enginePid)
  }, 180_000)

  it('every channel dispatcher answers random payloads with valid answers or typed errors', async () => {
    const fuzz = new Fuzz(7)
    const problems: string[] = []
    for (const channel of INVOKE_CHANNELS) {
      for (let i = 0; i < 60; i++) {
        const payload = fuzz.chance(0.3) ? fuzz.value() : fuzz.object()
        const envelope = await dispatch(services.handlers, channel, payload)
        const wrong = checkEnvelope(channel, envelope)
        if (wrong) problems.push(wrong)
      }
    }
    expect(problems.slice(0, 10)).toEqual([])
  }, 120_000)

  it('the engine process answers random requests with typed failures and stays up', async () => {
    const engine = forkEngine()
    const events: EngineEvent[] = []
    const ready = new Promise<void>((resolve) =>
      engine.onMessage((event) => {
        events.push(event)
        if (event.type === 'ready') resolve()
      })
    )
    let exited = false
    engine.onExit(() => (exited = true))
    await ready
    const fuzz = new Fuzz(99)
    // Every request type the protocol knows (read from its schema, so new ones are fuzzed too).
    const types = [...EngineRequestSchema.options.map((o) => o.shape.type.value), 'nope']
    expect(types).toEqual(expect.arrayContaining(['dataset-rows', 'whatif', 'scenario-export']))
    for (let i = 0; i < 2000; i++) {
      // IPC cannot carry undefined; everything else reaches the engine's parser.
      const raw = fuzz.chance(0.3)
        ? (fuzz.value() ?? null)
        : {
            ...fuzz.object(),
            type: fuzz.pick(types),
            id: fuzz.chance(0.9) ? `f${i}` : fuzz.value()
          }
      engine.send(raw as EngineRequest)
    }
    const status = new Promise<EngineEvent>((resolve) =>
      engine.onMessage((event) => {
        if (event.type === 'result' && event.id === 'after') resolve(event)
      })
    )
    engine.send({ type: 'status', id: 'after' })
    await expect(status).resolves.toMatchObject({
      type: 'result',
      request: 'status',
      value: { busy: false }
    })
    expect(exited).toBe(false)
    const replies = events.filter((e) => e.type !== 'ready')
    expect(replies.length).toBeGreaterThan(1000)
    expect(replies.every((e) => e.type === 'failed' || e.type === 'result')).toBe(true)
    engine.kill()
  }, 60_000)
})

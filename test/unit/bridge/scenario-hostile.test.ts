/**
 * The scenario channels over a real bridge, real services and a forked engine: hostile
 * payloads (names with control characters, oversized or non-finite edits, ids that climb out
 * of the run, runs that do not exist) get a typed error, never a file outside the run folder,
 * and the server keeps serving.
 */
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bridge } from '../../../src/bridge/ws-server'
import { startTestBridge, type TestBridge } from './test-bridge'
import { call, connect } from './ws-client'

const TOKEN = 'scenario-token-0123456789'
let bridge: Bridge
let stop: TestBridge['stop']

beforeAll(async () => {
  ;({ bridge, stop } = await startTestBridge(TOKEN, 'hindsight-scenario-hostile-'))
})

afterAll(() => stop())

const edits = [{ step: 0, feature: 'co2', value: 400 }]

describe('bridge: hostile scenario payloads', () => {
  it('refuses malformed saves with invalid-request, before any work', async () => {
    const ws = await connect(bridge.port, TOKEN)
    const payloads: unknown[] = [
      null,
      { runId: 'run' },
      { runId: 'run', scenario: { name: 'x', index: 0, edits: [] } },
      { runId: 'run', scenario: { name: '', index: 0, edits } },
      { runId: 'run', scenario: { name: '   ', index: 0, edits } },
      { runId: 'run', scenario: { name: 'a\u0000b', index: 0, edits } },
      { runId: 'run', scenario: { name: 'a\nb', index: 0, edits } },
      { runId: 'run', scenario: { name: 'x'.repeat(81), index: 0, edits } },
      { runId: 'run', scenario: { name: 'x', index: -1, edits } },
      { runId: 'run', scenario: { name: 'x', index: 0.5, edits } },
      { runId: 'run', scenario: { name: 'x', index: 0, edits: [{ step: 0, feature: 'co2' }] } },
      // JSON has no NaN or Infinity: they arrive as null, or as a huge literal.
      { runId: 'run', scenario: { name: 'x', index: 0, edits: [{ ...edits[0], value: null }] } },
      { runId: 'run', scenario: { name: 'x', index: 0, edits: [{ ...edits[0], step: -1 }] } },
      { runId: 'run', scenario: { name: 'x', index: 0, edits: [{ ...edits[0], feature: '' }] } },
      { runId: 'run', scenario: { name: 'x', index: 0, edits: 'all of them' } },
      { runId: 'run', scenario: { name: { toString: 'x' }, index: 0, edits } }
    ]
    let id = 1
    for (const payload of payloads) {
      const reply = await call(ws, id++, 'scenario:save', payload)
      expect(reply.envelope, JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' }
      })
    }
    const tooMany = Array.from({ length: 100_001 }, (_, step) => ({ step, feature: 'a', value: 1 }))
    const huge = await call(ws, id++, 'scenario:save', {
      runId: 'run',
      scenario: { name: 'x', index: 0, edits: tooMany }
    })
    expect(huge.envelope).toMatchObject({ ok: false })
    ws.close()
  })

  it('ids that are not ours, and runs that are not there, name nothing', async () => {
    const ws = await connect(bridge.port, TOKEN)
    let id = 100
    for (const scenarioId of ['../../etc/passwd', '..', 'a/b', 'A1', '', 'x'.repeat(41)]) {
      for (const channel of ['scenario:delete', 'scenario:export']) {
        const reply = await call(ws, id++, channel, { runId: 'run', scenarioId, format: 'json' })
        expect(reply.envelope, `${channel} ${scenarioId}`).toMatchObject({
          ok: false,
          error: { code: 'invalid-request' }
        })
      }
    }
    const format = await call(ws, id++, 'scenario:export', {
      runId: 'run',
      scenarioId: 'abc',
      format: 'exe'
    })
    expect(format.envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    const traversal = await call(ws, id++, 'scenario:list', { runId: '../../etc' })
    expect(traversal.envelope).toMatchObject({ ok: false, error: { code: 'bad-run-id' } })
    // A well-formed request about a run that does not exist: an empty list, a typed error.
    const list = await call(ws, id++, 'scenario:list', { runId: 'no-such-run' })
    expect(list.envelope).toMatchObject({ ok: true, value: [] })
    const del = await call(ws, id++, 'scenario:delete', { runId: 'no-such-run', scenarioId: 'abc' })
    expect(del.envelope).toMatchObject({ ok: false, error: { code: 'unknown-scenario' } })
    const exp = await call(ws, id++, 'scenario:export', {
      runId: 'no-such-run',
      scenarioId: 'abc',
      format: 'html'
    })
    expect(exp.envelope).toMatchObject({ ok: false, error: { code: 'unknown-scenario' } })
    const save = await call(ws, id++, 'scenario:save', {
      runId: 'no-such-run',
      scenario: { name: 'x', index: 0, edits }
    })
    expect(save.envelope).toMatchObject({ ok: false })
    if (!save.envelope.ok) expect(save.envelope.error.code).not.toBe('internal')
    // Still serving.
    const info = await call(ws, id++, 'app:info')
    expect(info.envelope).toMatchObject({ ok: true, value: { host: 'browser' } })
    ws.close()
  })

  it('wrote nothing anywhere in the workspace', async () => {
    const info = await call(await connect(bridge.port, TOKEN), 1, 'app:info')
    const workspace = (info.envelope as { ok: true; value: { workspace: string } }).value.workspace
    // No workspace folder at all is nothing written too.
    const entries = await readdir(workspace, { recursive: true }).catch(() => [] as string[])
    expect(entries.filter((e) => String(e).includes('scenario'))).toEqual([])
  })
})

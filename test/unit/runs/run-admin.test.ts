import { lstat, mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readAppState, writeAppState, APP_STATE_JSON } from '../../../src/core/runs/app-state'
import { deleteRun, updateRun } from '../../../src/core/runs/run-admin'
import { appendHistory, writeRunFile, type RunFile } from '../../../src/core/runs/run-store'
import { dispatch } from '../../../src/core/services/dispatch'
import { listRunItems, runHandlers } from '../../../src/core/services/runs'
import type { Handlers } from '../../../src/core/services/types'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { MAX_BRIDGE_MESSAGE_BYTES } from '../../../src/shared/bridge-limits'
import { bestEpoch, MAX_ARCHIVE_BYTES, RUN_NAME_MAX } from '../../../src/shared/run-admin'
import { tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

async function makeRun(id: string, status: RunFile['status'], extra: object = {}): Promise<string> {
  const runDir = join(dir, 'runs', id)
  const run: RunFile = {
    id,
    dir: runDir,
    createdAt: '2026-01-01T00:00:00.000Z',
    status,
    dataset: { name: 'x.csv', path: '/x.csv' },
    data: DataConfigSchema.parse({ target: 'v' }),
    model: ModelConfigSchema.parse({}),
    backend: null,
    split: null,
    epochsRun: 0,
    evaluation: null,
    trainSeconds: null,
    windowsPerSecond: null,
    scaler: null,
    columns: []
  }
  await writeRunFile(runDir, { ...run, ...extra } as RunFile)
  return runDir
}

describe('renaming and notes', () => {
  it('sets and clears name and notes, keeping every other field of run.json as written', async () => {
    const runDir = await makeRun('r1', 'done', { futureField: { kept: true } })
    const named = await updateRun(dir, { runId: 'r1', name: 'Baseline LSTM', notes: 'first try' })
    expect(named).toMatchObject({ name: 'Baseline LSTM', notes: 'first try', status: 'done' })
    const raw = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(raw['futureField']).toEqual({ kept: true })
    const cleared = await updateRun(dir, { runId: 'r1', name: '' })
    expect(cleared.name).toBeUndefined()
    expect(cleared.notes).toBe('first try')
    // Only run.json is there: the atomic write left no temporary file.
    expect(await readdir(runDir)).toEqual(['run.json'])
  })

  it('refuses a run that is training, and unknown or malformed ids', async () => {
    await makeRun('r2', 'running')
    await expect(updateRun(dir, { runId: 'r2', name: 'x' })).rejects.toMatchObject({
      code: 'run-busy'
    })
    await expect(updateRun(dir, { runId: 'nope', name: 'x' })).rejects.toMatchObject({
      code: 'unknown-run'
    })
    await expect(updateRun(dir, { runId: '../r2', name: 'x' })).rejects.toMatchObject({
      code: 'bad-run-id'
    })
  })
})

describe('deleting', () => {
  it('removes the run folder, but never what a link inside it points to', async () => {
    const runDir = await makeRun('r1', 'done')
    const outside = join(dir, 'precious.csv')
    await writeFile(outside, 'keep me')
    await symlink(outside, join(runDir, 'link.csv'))
    expect(await deleteRun(dir, 'r1')).toBe(true)
    expect(await readdir(join(dir, 'runs'))).toEqual([])
    expect(await readFile(outside, 'utf8')).toBe('keep me')
    expect(await deleteRun(dir, 'r1')).toBe(false)
  })

  it('deletes a damaged run, refuses a training one and anything outside the runs folder', async () => {
    await mkdir(join(dir, 'runs', 'damaged'), { recursive: true })
    await writeFile(join(dir, 'runs', 'damaged', 'run.json'), '{"trunc')
    expect(await deleteRun(dir, 'damaged')).toBe(true)
    await makeRun('busy', 'running')
    await expect(deleteRun(dir, 'busy')).rejects.toMatchObject({ code: 'run-busy' })
    for (const id of ['..', '../runs', '.', 'a/b', '']) {
      await expect(deleteRun(dir, id)).rejects.toMatchObject({ code: 'bad-run-id' })
    }
    expect((await lstat(join(dir, 'runs', 'busy'))).isDirectory()).toBe(true)
  })
})

describe('limits', () => {
  it('an archive of the largest accepted size still fits one bridge message as base64', () => {
    const request = JSON.stringify({
      id: 1,
      channel: 'runs:import',
      payload: { name: 'x'.repeat(255), base64: '' }
    })
    const base64 = Math.ceil(MAX_ARCHIVE_BYTES / 3) * 4
    expect(request.length + base64).toBeLessThan(MAX_BRIDGE_MESSAGE_BYTES)
  })
})

describe('leftovers of a crash', () => {
  it('removes half-done imports and deletions at start, and nothing else', async () => {
    await makeRun('r1', 'done')
    await mkdir(join(dir, 'runs', '.import-2026-x-abc123', 'model'), { recursive: true })
    await writeFile(join(dir, 'runs', '.import-2026-x-abc123', 'run.json'), '{}')
    await mkdir(join(dir, 'runs', '.deleting-r0-abc123'))
    await mkdir(join(dir, 'runs', '.hidden-by-user'))
    const handlers = runHandlers(dir, Promise.resolve())
    expect((await handlers['runs:list'](undefined)).map((r) => r.id)).toEqual(['r1'])
    expect((await readdir(join(dir, 'runs'))).sort()).toEqual(['.hidden-by-user', 'r1'])
  })
})

describe('the runs list', () => {
  it('carries each run’s best validation epoch, found from its history', async () => {
    const runDir = await makeRun('r1', 'done')
    const history = [
      { epoch: 1, loss: 3, valLoss: 2.5, seconds: 1 },
      { epoch: 2, loss: 2, valLoss: 1.25, seconds: 1 },
      { epoch: 3, loss: 1, valLoss: 1.25, seconds: 1 },
      { epoch: 4, loss: 0.5, valLoss: 1.5, seconds: 1 }
    ]
    for (const h of history) await appendHistory(runDir, h)
    await makeRun('r2', 'interrupted')
    const items = await listRunItems(dir)
    expect(items.find((r) => r.id === 'r1')?.best).toEqual({ epoch: 2, valLoss: 1.25 })
    expect(items.find((r) => r.id === 'r2')?.best).toBeNull()
  })

  it('bestEpoch skips epochs without validation loss', () => {
    expect(
      bestEpoch([
        { epoch: 1, loss: 1, valLoss: null, seconds: 0 },
        { epoch: 2, loss: 1, valLoss: Number.NaN, seconds: 0 }
      ])
    ).toBeNull()
  })
})

describe('app state', () => {
  it('round-trips through one file and reads a damaged or missing file as empty', async () => {
    expect(await readAppState(dir)).toEqual({
      schema: 'hindsight.app-state/1',
      view: null,
      runId: null,
      compare: []
    })
    await writeAppState(dir, {
      schema: 'hindsight.app-state/1',
      view: 'runs',
      runId: 'r1',
      compare: ['r1', 'r2']
    })
    expect(await readAppState(dir)).toMatchObject({
      view: 'runs',
      runId: 'r1',
      compare: ['r1', 'r2']
    })
    await writeFile(join(dir, APP_STATE_JSON), '{"view": 3')
    expect((await readAppState(dir)).view).toBeNull()
  })
})

describe('the run channels behind IPC and the bridge', () => {
  it('validate requests with the contract before anything touches the disk', async () => {
    await makeRun('r1', 'done')
    const handlers = runHandlers(dir, Promise.resolve()) as unknown as Handlers
    const bad = [
      { channel: 'runs:update', payload: { runId: '../r1', name: 'x' } },
      { channel: 'runs:update', payload: { runId: 'r1', name: 'x'.repeat(RUN_NAME_MAX + 1) } },
      { channel: 'runs:delete', payload: { runId: 'runs/r1' } },
      { channel: 'runs:export', payload: {} },
      { channel: 'app:setState', payload: { view: 'runs', runId: '..', compare: [] } }
    ] as const
    for (const { channel, payload } of bad) {
      const envelope = await dispatch(handlers, channel, payload)
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-request' } })
    }
    expect(await dispatch(handlers, 'runs:import', { name: 'a.zip', base64: '%%%' })).toMatchObject(
      { ok: false, error: { code: 'bad-archive' } }
    )
    expect(await dispatch(handlers, 'runs:update', { runId: 'r1', notes: 'ok' })).toMatchObject({
      ok: true,
      value: { id: 'r1', notes: 'ok' }
    })
    expect(await readdir(join(dir, 'runs'))).toEqual(['r1'])
  })
})

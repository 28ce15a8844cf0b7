import { describe, expect, it, vi, beforeEach } from 'vitest'
import type { Handlers, Services } from '../../../src/core/services/types'
import { UserFacingError } from '../../../src/core/errors'
import { INVOKE_CHANNELS } from '../../../src/shared/ipc-contract'

type Registered = (event: unknown, payload: unknown) => Promise<unknown>
const registered = new Map<string, Registered>()

vi.mock('electron', () => ({
  ipcMain: {
    handle: vi.fn((channel: string, fn: Registered) => registered.set(channel, fn)),
    removeHandler: vi.fn((channel: string) => registered.delete(channel))
  }
}))

const { handle, emit, FORBIDDEN } = await import('../../../src/main/ipc/handle')
const { registerIpc } = await import('../../../src/main/ipc/register')
const { dispatch } = await import('../../../src/core/services/dispatch')

const APP_URL = 'file:///app/out/renderer/index.html'
const policy = { webContentsId: () => 3, appUrl: APP_URL }
const trusted = { sender: { id: 3 }, senderFrame: { url: APP_URL, parent: null } }

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const reject = async (): Promise<never> => {
    throw new Error('not in this test')
  }
  const base = Object.fromEntries(
    INVOKE_CHANNELS.map((c) => [c, vi.fn(reject)])
  ) as unknown as Handlers
  return { ...base, ...overrides }
}

const summary = {
  id: 'd1',
  name: 'x.csv',
  path: '/data/x.csv',
  rows: 3,
  timeColumn: null,
  firstTime: null,
  lastTime: null,
  columns: [],
  irregularSteps: 0,
  warnings: []
}

beforeEach(() => registered.clear())

describe('handle()', () => {
  it('refuses a sender that is not our window before looking at the payload', async () => {
    const openPath = vi.fn(async () => summary)
    handle('dataset:openPath', fakeHandlers({ 'dataset:openPath': openPath }), policy)
    const fn = registered.get('dataset:openPath')
    const foreign = { sender: { id: 99 }, senderFrame: { url: APP_URL, parent: null } }
    const subframe = { sender: { id: 3 }, senderFrame: { url: APP_URL, parent: {} } }
    const otherPage = {
      sender: { id: 3 },
      senderFrame: { url: 'https://evil.test/', parent: null }
    }
    for (const event of [foreign, subframe, otherPage]) {
      await expect(fn?.(event, { path: '/x.csv' })).resolves.toEqual({
        ok: false,
        error: FORBIDDEN
      })
    }
    expect(openPath).not.toHaveBeenCalled()
  })

  it('validates the payload with the contract schema', async () => {
    const openPath = vi.fn(async () => summary)
    handle('dataset:openPath', fakeHandlers({ 'dataset:openPath': openPath }), policy)
    const result = (await registered.get('dataset:openPath')?.(trusted, { path: 42 })) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('invalid-request')
    expect(result.error.message).toMatch(/dataset:openPath \(path\)/)
    expect(openPath).not.toHaveBeenCalled()
  })

  it('passes the parsed request (defaults filled in) and wraps the answer', async () => {
    const series = vi.fn(async () => ({ time: [], columns: {}, rows: [] }))
    handle('dataset:series', fakeHandlers({ 'dataset:series': series }), policy)
    const result = await registered.get('dataset:series')?.(trusted, {
      datasetId: 'd1',
      columns: ['co2']
    })
    expect(series).toHaveBeenCalledWith({ datasetId: 'd1', columns: ['co2'], maxPoints: 2000 })
    expect(result).toEqual({ ok: true, value: { time: [], columns: {}, rows: [] } })
  })

  it('keeps a user-facing error’s file, row and column', async () => {
    const upload = vi.fn(async () => {
      throw new UserFacingError('bad-number', 'Not a number: "abc"', {
        file: 'bad.csv',
        row: 4,
        column: 'co2'
      })
    })
    handle('dataset:upload', fakeHandlers({ 'dataset:upload': upload }), policy)
    const result = await registered.get('dataset:upload')?.(trusted, { name: 'bad.csv', text: 'a' })
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'bad-number',
        message: 'Not a number: "abc"',
        file: 'bad.csv',
        row: 4,
        column: 'co2'
      }
    })
  })

  it('calls `after` with the value on success only', async () => {
    const after = vi.fn()
    handle(
      'dataset:openSample',
      fakeHandlers({ 'dataset:openSample': async () => summary }),
      policy,
      after
    )
    await registered.get('dataset:openSample')?.(trusted, undefined)
    expect(after).toHaveBeenCalledWith(summary)
  })
})

describe('dispatch()', () => {
  it('turns unexpected errors into an internal error with their message', async () => {
    const handlers = fakeHandlers({
      'runs:list': async () => {
        throw new Error('disk on fire')
      }
    })
    await expect(dispatch(handlers, 'runs:list', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' }
    })
  })

  it('refuses a payload where none is expected', async () => {
    const result = await dispatch(fakeHandlers(), 'runs:list', { sneaky: true })
    expect(result.ok).toBe(false)
  })
})

describe('registerIpc()', () => {
  it('registers every contract channel, forwards events, and undoes both', async () => {
    let listener: ((event: string, payload: unknown) => void) | null = null
    const stop = vi.fn()
    const services: Services = {
      handlers: fakeHandlers({ 'dataset:openSample': async () => summary }),
      onEvent: (l) => {
        listener = l as never
        return stop
      },
      dispose: async () => undefined
    }
    const send = vi.fn()
    const contents = { isDestroyed: () => false, send }
    const opened = vi.fn()
    const unregister = registerIpc({
      services,
      policy,
      contents: () => contents as never,
      onDatasetOpened: opened
    })
    expect([...registered.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort())

    await registered.get('dataset:openSample')?.(trusted, undefined)
    expect(opened).toHaveBeenCalledWith('/data/x.csv')

    ;(listener as unknown as (e: string, p: unknown) => void)('engine:status', { busy: false })
    expect(send).toHaveBeenCalledWith('engine:status', { busy: false })

    unregister()
    expect(stop).toHaveBeenCalled()
    expect(registered.size).toBe(0)
  })

  it('emit() skips a destroyed window', () => {
    const send = vi.fn()
    emit({ isDestroyed: () => true, send } as never, 'menu:command', { type: 'open' })
    emit(null, 'menu:command', { type: 'open' })
    expect(send).not.toHaveBeenCalled()
  })
})

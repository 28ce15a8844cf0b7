import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'

const fork = vi.fn()
vi.mock('electron', () => ({ utilityProcess: { fork: (...args: unknown[]) => fork(...args) } }))

const { toEngineChannel, utilityProcessEngine } = await import('../../../src/main/engine-launcher')

class FakeChild extends EventEmitter {
  posted: unknown[] = []
  killed = false
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  kill(): boolean {
    this.killed = true
    return true
  }
}

const status = {
  backend: {
    name: 'cpu',
    tried: [{ name: 'cpu', ok: true, reason: 'always available' }],
    kernels: { path: 'stock', reason: 'test' }
  },
  busy: false,
  pid: 1
}

describe('utilityProcess engine channel', () => {
  it('forks the built engine entry as a utility process', () => {
    const child = new FakeChild()
    fork.mockReturnValue(child)
    utilityProcessEngine('/app/out/main/engine.js')()
    expect(fork).toHaveBeenCalledWith(
      '/app/out/main/engine.js',
      [],
      expect.objectContaining({ serviceName: 'Hindsight engine' })
    )
  })

  it('passes protocol messages both ways and drops ones that are not in the protocol', () => {
    const child = new FakeChild()
    const channel = toEngineChannel(child)
    const seen: unknown[] = []
    channel.onMessage((m) => seen.push(m))
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    child.emit('message', { type: 'ready', status })
    child.emit('message', { type: 'nonsense' })
    expect(seen).toEqual([{ type: 'ready', status }])
    expect(error).toHaveBeenCalledOnce()
    channel.send({ type: 'status', id: '1' })
    expect(child.posted).toEqual([{ type: 'status', id: '1' }])
    error.mockRestore()
  })

  it('reports the exit once, even to late listeners, and stops sending after it (a crash keeps the app up)', () => {
    const child = new FakeChild()
    const channel = toEngineChannel(child)
    const early = vi.fn()
    channel.onExit(early)
    child.emit('exit', 134)
    const late = vi.fn()
    channel.onExit(late)
    expect(early).toHaveBeenCalledWith({ code: 134, signal: null })
    expect(late).toHaveBeenCalledWith({ code: 134, signal: null })
    channel.send({ type: 'status', id: '2' })
    channel.kill()
    expect(child.posted).toEqual([])
    expect(child.killed).toBe(false)
  })
})

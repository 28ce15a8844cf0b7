import { describe, expect, it } from 'vitest'
import { Pairing } from '../../../src/shared/pairing'

describe('Pairing (request/response by id)', () => {
  it('settles each call with its own reply, in any order', async () => {
    const p = new Pairing<number, string>()
    const a = p.open(1)
    const b = p.open(2)
    expect(p.size).toBe(2)
    expect(p.resolve(2, 'two')).toBe(true)
    expect(p.resolve(1, 'one')).toBe(true)
    await expect(a).resolves.toBe('one')
    await expect(b).resolves.toBe('two')
    expect(p.size).toBe(0)
  })

  it('passes progress to the call it belongs to until the call settles', async () => {
    const p = new Pairing<string, number, string>()
    const seenA: string[] = []
    const seenB: string[] = []
    const a = p.open('a', { onProgress: (x) => seenA.push(x) })
    void p.open('b', { onProgress: (x) => seenB.push(x) })
    expect(p.progress('a', 'a1')).toBe(true)
    expect(p.progress('b', 'b1')).toBe(true)
    expect(p.progress('a', 'a2')).toBe(true)
    p.resolve('a', 42)
    await expect(a).resolves.toBe(42)
    expect(p.progress('a', 'late')).toBe(false)
    expect(seenA).toEqual(['a1', 'a2'])
    expect(seenB).toEqual(['b1'])
  })

  it('fails one call with its error and leaves the others waiting', async () => {
    const p = new Pairing<number, string>()
    const a = p.open(1)
    const b = p.open(2)
    expect(p.reject(1, new Error('bad input'))).toBe(true)
    await expect(a).rejects.toThrow('bad input')
    expect(p.size).toBe(1)
    p.resolve(2, 'fine')
    await expect(b).resolves.toBe('fine')
  })

  it('fails every waiting call when the connection is lost, and forgets them', async () => {
    const p = new Pairing<number, string>()
    const calls = [p.open(1), p.open(2), p.open(3)]
    p.resolve(2, 'done before the loss')
    const lost = new Error('connection lost')
    p.failAll(lost)
    const outcomes = await Promise.allSettled(calls)
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'fulfilled', 'rejected'])
    expect((outcomes[0] as PromiseRejectedResult).reason).toBe(lost)
    expect((outcomes[2] as PromiseRejectedResult).reason).toBe(lost)
    expect(p.size).toBe(0)
    // A reply arriving after the loss reaches no one and is reported as unmatched.
    expect(p.resolve(1, 'too late')).toBe(false)
  })

  it('ignores replies to unknown ids and refuses an id that is still waiting', async () => {
    const p = new Pairing<number, string>()
    expect(p.resolve(9, 'x')).toBe(false)
    expect(p.reject(9, new Error('x'))).toBe(false)
    const first = p.open(1)
    expect(() => p.open(1)).toThrow(/already waiting/)
    p.resolve(1, 'first')
    await expect(first).resolves.toBe('first')
    // Once settled, the id may be used again.
    const again = p.open(1)
    p.resolve(1, 'again')
    await expect(again).resolves.toBe('again')
  })
})

import { describe, expect, it } from 'vitest'
import { createRng, deriveSeed, permutation } from '../../../src/explain'

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one otherwise', () => {
    const a = createRng(7)
    const b = createRng(7)
    const c = createRng(8)
    const xs = Array.from({ length: 20 }, () => a.next())
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs)
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs)
  })

  it('separates seeds that differ only above 2^32', () => {
    expect(createRng(1).next()).not.toBe(createRng(1 + 2 ** 32).next())
  })

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const rng = createRng(1)
    const n = 50_000
    let s = 0
    let s2 = 0
    let lo = 1
    let hi = 0
    for (let i = 0; i < n; i++) {
      const u = rng.next()
      lo = Math.min(lo, u)
      hi = Math.max(hi, u)
      s += u
      s2 += u * u
    }
    expect(lo).toBeGreaterThanOrEqual(0)
    expect(hi).toBeLessThan(1)
    expect(s / n).toBeCloseTo(0.5, 2)
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 2)
  })

  it('draws standard normals', () => {
    const rng = createRng(2)
    const n = 50_000
    let s = 0
    let s2 = 0
    for (let i = 0; i < n; i++) {
      const z = rng.normal()
      s += z
      s2 += z * z
    }
    expect(Math.abs(s / n)).toBeLessThan(0.02)
    expect(s2 / n).toBeCloseTo(1, 1)
  })

  it('draws every integer of the range about equally often', () => {
    const rng = createRng(3)
    const counts = new Array<number>(6).fill(0)
    for (let i = 0; i < 60_000; i++) counts[rng.int(6)]!++
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400)
  })

  it('rejects a non-finite seed', () => {
    expect(() => createRng(Number.NaN)).toThrow(RangeError)
  })
})

describe('permutation and deriveSeed', () => {
  it('permutes 0..n−1 reproducibly', () => {
    const p = permutation(createRng(5), 10)
    expect(Array.from(p).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(permutation(createRng(5), 10)).toEqual(p)
  })

  it('derives distinct, reproducible stream seeds', () => {
    expect(deriveSeed(42, 1)).toBe(deriveSeed(42, 1))
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(42, 2))
    expect(deriveSeed(42, 1)).not.toBe(deriveSeed(43, 1))
  })
})

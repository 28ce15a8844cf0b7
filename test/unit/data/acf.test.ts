import { describe, expect, it } from 'vitest'
import { autocorrelation, findSeason, memoryLength } from '../../../src/core/engine/data/acf'

/** Reference: the textbook formula, written as directly as possible. */
function naiveAcf(x: number[], k: number): number {
  const obs = x.filter((v) => !Number.isNaN(v))
  const m = obs.reduce((a, b) => a + b, 0) / obs.length
  const den = obs.reduce((a, b) => a + (b - m) ** 2, 0)
  let num = 0
  for (let t = 0; t + k < x.length; t++) {
    if (!Number.isNaN(x[t]!) && !Number.isNaN(x[t + k]!)) num += (x[t]! - m) * (x[t + k]! - m)
  }
  return num / den
}

describe('autocorrelation', () => {
  it('matches the direct formula, missing values included', () => {
    const x = Array.from({ length: 80 }, (_, i) => Math.sin(i / 3) + ((i * 7919) % 13) / 13)
    x[5] = NaN
    x[40] = NaN
    const acf = autocorrelation(Float64Array.from(x), 20)
    expect(acf.values).toHaveLength(21)
    expect(acf.n).toBe(78)
    expect(acf.band).toBeCloseTo(1.96 / Math.sqrt(78), 12)
    for (let k = 0; k <= 20; k++) expect(acf.values[k]).toBeCloseTo(naiveAcf(x, k), 12)
  })

  it('of a cosine with period P is (n − k)/n · cos(2πk/P) over whole periods (closed form)', () => {
    const P = 12
    const n = P * 20
    const x = Float64Array.from({ length: n }, (_, t) => Math.cos((2 * Math.PI * t) / P))
    const acf = autocorrelation(x, 40)
    for (const k of [1, 6, 12, 24]) {
      expect(acf.values[k]).toBeCloseTo(((n - k) / n) * Math.cos((2 * Math.PI * k) / P), 2)
    }
    expect(findSeason(acf)?.lag).toBe(12)
  })

  it('finds no season in a decaying AR(1) ACF, and its memory where it meets the band', () => {
    // A deterministic AR(1)-like ACF: r_k = 0.8^k. The band is 1.96/√400 = 0.098.
    const values = Array.from({ length: 31 }, (_, k) => 0.8 ** k)
    const acf = { values, band: 0.098, n: 400 }
    expect(findSeason(acf)).toBeNull()
    // 0.8^10 = 0.107 > 0.098 ≥ 0.8^11 = 0.086.
    expect(memoryLength(acf)).toBe(10)
  })
})

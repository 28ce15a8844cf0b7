import { describe, expect, it } from 'vitest'
import {
  calibrateIntervals,
  conformalHalfWidth,
  windowsNeeded
} from '../../../src/core/engine/conformal'
import { createRng } from '../../../src/explain'

/** Standard normal draws from the library's seeded generator. */
function normals(seed: number, n: number): number[] {
  const rng = createRng(seed)
  return Array.from({ length: n }, () => rng.normal())
}

/** z such that P(|N(0,1)| ≤ z) = level, by bisection on erf (closed form). */
function absNormalQuantile(level: number): number {
  const erf = (x: number): number => {
    // Abramowitz & Stegun 7.1.26 is too coarse here; integrate the density instead (Simpson).
    const n = 2000
    const h = x / n
    let s = 0
    for (let i = 0; i <= n; i++) {
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2
      s += w * Math.exp(-((i * h) ** 2))
    }
    return ((2 / Math.sqrt(Math.PI)) * s * h) / 3
  }
  let lo = 0
  let hi = 10
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (erf(mid / Math.SQRT2) < level) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

describe('split-conformal intervals', () => {
  const sigma = 2.5
  // y = signal + N(0, σ): a model that knows the signal leaves residuals N(0, σ).
  const signal = (t: number): number => 10 + 3 * Math.sin(t / 5) + 0.01 * t

  it('takes the residual of rank ⌈(n + 1)L⌉, and needs n ≥ L / (1 − L) windows', () => {
    const r = [0.5, -3, 1, 2, -0.1, 4, 0.2, -0.7, 1.5]
    // n = 9, L = 0.8: rank ⌈8⌉ = 8 of |r| sorted (0.1 0.2 0.5 0.7 1 1.5 2 3 4) → 3
    expect(conformalHalfWidth(r, 0.8)).toBe(3)
    // L = 0.5: rank 5 → 1
    expect(conformalHalfWidth(r, 0.5)).toBe(1)
    // L = 0.95: rank ⌈9.5⌉ = 10 > 9: cannot be calibrated
    expect(conformalHalfWidth(r, 0.95)).toBeNull()
    expect(windowsNeeded(0.8)).toBe(4)
    expect(windowsNeeded(0.95)).toBe(19)
    expect(windowsNeeded(0.9)).toBe(9)
    for (const level of [0.5, 0.8, 0.9, 0.95, 0.99]) {
      const n = windowsNeeded(level)
      expect(conformalHalfWidth(new Array<number>(n).fill(1), level)).toBe(1)
      expect(conformalHalfWidth(new Array<number>(n - 1).fill(1), level)).toBeNull()
    }
  })

  it('covers at the closed-form rate ⌈(n + 1)L⌉ / (n + 1), which converges to L', () => {
    const level = 0.8
    const trials = 400
    const testSize = 200
    const gaps: number[] = []
    for (const n of [9, 49, 199]) {
      let inside = 0
      for (let trial = 0; trial < trials; trial++) {
        const noise = normals(1000 * n + trial, n + testSize).map((z) => z * sigma)
        const t0 = trial * (n + testSize)
        // residual = actual − prediction = (signal + noise) − signal
        const residual = (i: number): number => signal(t0 + i) + noise[i]! - signal(t0 + i)
        const calibration = Array.from({ length: n }, (_, i) => Math.abs(residual(i)))
        const test = Array.from({ length: testSize }, (_, i) => Math.abs(residual(n + i)))
        const { intervals } = calibrateIntervals([level], [calibration], [test])
        inside += intervals[0]!.coverage * testSize
      }
      const coverage = inside / (trials * testSize)
      // E[coverage] = ⌈(n + 1)L⌉ / (n + 1) exactly for continuous exchangeable residuals.
      const expected = Math.ceil((n + 1) * level - 1e-9) / (n + 1)
      // Per trial the coverage is Beta-distributed with variance ≈ L(1−L)/(n+2); over trials:
      const se = Math.sqrt((level * (1 - level)) / (n + 2) / trials + 0.16 / (trials * testSize))
      expect(Math.abs(coverage - expected)).toBeLessThan(4 * se)
      gaps.push(Math.abs(coverage - level))
    }
    expect(gaps[2]!).toBeLessThan(0.01)
  })

  it('has a half-width near σ·z, z the level quantile of |N(0, 1)|, for large n', () => {
    const n = 20_000
    const residuals = normals(7, n).map((z) => Math.abs(z * sigma))
    for (const [level, z] of [
      [0.8, 1.2816],
      [0.95, 1.96]
    ] as const) {
      expect(absNormalQuantile(level)).toBeCloseTo(z, 3)
      const w = conformalHalfWidth(residuals, level)!
      // The sample quantile's standard error: √(L(1−L)/n) / density at the quantile.
      const density = (2 * Math.exp(-(z * z) / 2)) / Math.sqrt(2 * Math.PI) / sigma
      const se = Math.sqrt((level * (1 - level)) / n) / density
      expect(Math.abs(w - sigma * z)).toBeLessThan(4 * se)
    }
  })

  it('says why when there is nothing, or too little, to calibrate on', () => {
    const none = calibrateIntervals([0.8, 0.95], [], [[1, 2]])
    expect(none.intervals).toEqual([])
    expect(none.notes.map((n) => n.code)).toEqual(['intervals-no-validation'])
    const few = calibrateIntervals([0.8, 0.95], [[1, 2, 3, 4, 5]], [[1, 2]])
    expect(few.intervals.map((i) => i.level)).toEqual([0.8])
    expect(few.notes).toEqual([
      expect.objectContaining({
        code: 'intervals-too-few',
        params: { percent: 95, n: 5, needed: 19 }
      })
    ])
  })
})

import { describe, expect, it } from 'vitest'
import { lttbRows } from '../../../src/core/engine/data/lttb'

/**
 * Largest-Triangle-Three-Buckets as Steinarsson's thesis writes it (the
 * reference implementation's loop, on points without gaps), to check the
 * engine's version against.
 */
function referenceLttb(ys: readonly number[], threshold: number): number[] {
  const n = ys.length
  if (threshold >= n) return ys.map((_, i) => i)
  const sampled = [0]
  const every = (n - 2) / (threshold - 2)
  let a = 0
  for (let i = 0; i < threshold - 2; i++) {
    const avgStart = Math.floor((i + 1) * every) + 1
    const avgEnd = Math.min(Math.floor((i + 2) * every) + 1, n)
    let avgX = 0
    let avgY = 0
    for (let j = avgStart; j < avgEnd; j++) {
      avgX += j
      avgY += ys[j]!
    }
    avgX /= avgEnd - avgStart
    avgY /= avgEnd - avgStart
    const rangeOffs = Math.floor(i * every) + 1
    const rangeTo = Math.floor((i + 1) * every) + 1
    let maxArea = -1
    let next = rangeOffs
    for (let j = rangeOffs; j < rangeTo; j++) {
      const area = Math.abs((a - avgX) * (ys[j]! - ys[a]!) - (a - j) * (avgY - ys[a]!)) * 0.5
      if (area > maxArea) {
        maxArea = area
        next = j
      }
    }
    sampled.push(next)
    a = next
  }
  sampled.push(n - 1)
  return sampled
}

describe('lttbRows (series for charts, decimated in the engine)', () => {
  it('keeps every row when they fit', () => {
    expect(lttbRows(new Float64Array([3, 1, 4, 1, 5]), 0, 4, 10)).toEqual([0, 1, 2, 3, 4])
  })

  it('picks the same rows as the reference LTTB on a series without gaps', () => {
    let seed = 7
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1
    const ys = Array.from({ length: 5003 }, (_, i) => Math.sin(i / 40) * 3 + random())
    for (const points of [50, 333, 1000]) {
      expect(lttbRows(Float64Array.from(ys), 0, ys.length - 1, points)).toEqual(
        referenceLttb(ys, points)
      )
    }
  })

  it('decimates only the range asked for, at its own resolution', () => {
    const ys = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 7))
    const rows = lttbRows(ys, 40_000, 40_999, 200)
    expect(rows).toHaveLength(200)
    expect(rows[0]).toBe(40_000)
    expect(rows.at(-1)).toBe(40_999)
    // Relative to the range, the picks are the reference's on that slice.
    const slice = Array.from(ys.subarray(40_000, 41_000))
    expect(rows.map((r) => r - 40_000)).toEqual(referenceLttb(slice, 200))
  })

  it('keeps spikes, and a missing value as a break instead of bridging it', () => {
    const n = 10_000
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50))
    values[4321] = 9
    values[777] = -9
    for (let i = 6000; i < 6004; i++) values[i] = Number.NaN
    const rows = lttbRows(values, 0, n - 1, 200)
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
    expect(new Set(rows).size).toBe(rows.length)
    expect(rows).toContain(4321)
    expect(rows).toContain(777)
    // One missing row of the gap is kept, so the chart draws a break there.
    expect(rows.filter((r) => Number.isNaN(values[r]!))).toEqual([6000])
    expect(rows.length).toBeLessThanOrEqual(202)
  })
})

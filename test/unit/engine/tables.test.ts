import { describe, expect, it } from 'vitest'
import { decimateRows } from '../../../src/core/engine/tables'

describe('decimateRows (series for charts)', () => {
  it('keeps every row when they fit', () => {
    expect(decimateRows(5, new Float64Array([3, 1, 4, 1, 5]), 10)).toEqual([0, 1, 2, 3, 4])
  })

  it('keeps at most about maxPoints rows, in order, with both ends and every extreme', () => {
    const n = 10_000
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 50))
    values[4321] = 9 // a spike
    values[777] = -9 // a dip
    values[5000] = Number.NaN // a gap is never chosen over a number
    const rows = decimateRows(n, values, 200)
    expect(rows.length).toBeLessThanOrEqual(202)
    expect(rows[0]).toBe(0)
    expect(rows.at(-1)).toBe(n - 1)
    expect(rows).toEqual([...rows].sort((a, b) => a - b))
    expect(new Set(rows).size).toBe(rows.length)
    expect(rows).toContain(4321)
    expect(rows).toContain(777)
    expect(rows).not.toContain(5000)
    // Each bucket's minimum and maximum survive: the decimated range is the full range.
    const picked = rows.map((r) => values[r]!).filter((v) => !Number.isNaN(v))
    expect(Math.max(...picked)).toBe(9)
    expect(Math.min(...picked)).toBe(-9)
  })
})

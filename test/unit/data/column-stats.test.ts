import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { columnStats, sturgesBins } from '../../../src/core/engine/data/column-stats'
import { datasetPath } from '../../helpers/paths'

describe('columnStats on real data', () => {
  it('matches a two-pass computation on the CO2 column (with its five missing months)', () => {
    const rows = readFileSync(datasetPath('co2_mauna_loa_monthly.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
    const cells = rows.map((r) => r.split(',')[1]!)
    const values = Float64Array.from(cells.map((c) => (c === '' ? NaN : Number(c))))
    const observed = cells.filter((c) => c !== '').map(Number)
    const mean = observed.reduce((a, b) => a + b, 0) / observed.length
    const variance = observed.reduce((a, b) => a + (b - mean) ** 2, 0) / (observed.length - 1)

    const s = columnStats(values)
    expect(s.count).toBe(741)
    expect(s.missing).toBe(5)
    expect(s.min).toBe(Math.min(...observed))
    expect(s.max).toBe(Math.max(...observed))
    expect(s.mean).toBeCloseTo(mean, 10)
    expect(s.std).toBeCloseTo(Math.sqrt(variance), 10)

    const h = s.histogram!
    expect(h.counts).toHaveLength(sturgesBins(741))
    const width = (h.max - h.min) / h.counts.length
    const reference = h.counts.map(
      (_, b) =>
        observed.filter((v) => {
          const lo = h.min + b * width
          return b === h.counts.length - 1 ? v >= lo : v >= lo && v < h.min + (b + 1) * width
        }).length
    )
    expect(h.counts).toEqual(reference)
  })

  it('has no moments for an all-missing column and no spread for one value', () => {
    expect(columnStats(Float64Array.from([NaN, NaN]))).toMatchObject({
      count: 0,
      missing: 2,
      mean: null,
      histogram: null
    })
    expect(columnStats(Float64Array.from([4, 4]))).toMatchObject({
      std: 0,
      histogram: { counts: [2] }
    })
  })
})

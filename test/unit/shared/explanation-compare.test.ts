import { describe, expect, it } from 'vitest'
import { compareAttributions } from '../../../src/explain'
import { compareRecords, type Comparison } from '../../../src/shared/explanation-compare'
import { FEATURES, STEPS, fixtureRecord } from '../exports/fixtures'

/** Spearman's ρ by its closed form 1 − 6Σd²/(n(n²−1)), for values without ties. */
function spearmanNoTies(a: readonly number[], b: readonly number[]): number {
  const ranks = (v: readonly number[]): number[] => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0])
    const r = new Array<number>(v.length)
    order.forEach(([, i], k) => (r[i] = k + 1))
    return r
  }
  const ra = ranks(a)
  const rb = ranks(b)
  const n = a.length
  const d2 = ra.reduce((s, r, i) => s + (r - rb[i]!) ** 2, 0)
  return 1 - (6 * d2) / (n * (n * n - 1))
}

describe('compareRecords (the Explain view and the exports compare with this)', () => {
  it('meets a cell-level record at the coarser level, where the two agree exactly', () => {
    const cell = fixtureRecord({ level: 'cell' })
    const time = fixtureRecord({ level: 'time', method: 'lime' })
    const c = compareRecords(cell, time) as Comparison
    expect(c.level).toBe('time')
    expect(c.labels).toHaveLength(STEPS)
    expect(c.a).toEqual(c.b.map((v) => expect.closeTo(v, 12)))
    expect(c.spearman).toBeCloseTo(1, 12)
    expect(c.topOverlap).toBe(1)
    const feature = compareRecords(fixtureRecord({ level: 'feature' }), cell) as Comparison
    expect(feature.level).toBe('feature')
    expect(feature.labels).toEqual(FEATURES)
  })

  it('matches the closed-form Spearman and a counted top-5 overlap on reordered values', () => {
    const a = fixtureRecord({ level: 'time' })
    const values = a.attributions as number[]
    // Swap the two largest |φ| with the two smallest: ranks change, the top 5 loses two.
    const byMagnitude = values.map((v, i) => [Math.abs(v), i] as const).sort((p, q) => q[0] - p[0])
    const swapped = [...values]
    const [big1, big2] = [byMagnitude[0]![1], byMagnitude[1]![1]]
    const [small1, small2] = [byMagnitude.at(-1)![1], byMagnitude.at(-2)![1]]
    ;[swapped[big1], swapped[small1]] = [values[small1]!, values[big1]!]
    ;[swapped[big2], swapped[small2]] = [values[small2]!, values[big2]!]
    const b = { ...a, attributions: swapped }
    const c = compareRecords(a, b) as Comparison
    expect(c.spearman).toBeCloseTo(spearmanNoTies(values, swapped), 12)
    expect(c.spearmanAbs).toBeCloseTo(
      spearmanNoTies(
        values.map((v) => Math.abs(v)),
        swapped.map((v) => Math.abs(v))
      ),
      12
    )
    expect(c.topOverlap).toBeCloseTo(3 / 5, 12)
  })

  it('refuses different windows and levels that do not meet', () => {
    const time = fixtureRecord({ level: 'time' })
    expect(compareRecords(time, { ...time, index: 8 })).toBe('different-window')
    expect(compareRecords(time, fixtureRecord({ level: 'feature' }))).toBe('different-levels')
  })

  it('is the same comparison as the explainers’ compareAttributions', () => {
    const a = fixtureRecord({ level: 'time' })
    const values = a.attributions as number[]
    const other = values.map((v, i) => v + 0.3 * Math.cos(i))
    const fromRecords = compareRecords(a, { ...a, attributions: other }) as Comparison
    const players = a.players.map((label, i) => ({ label, members: [i] }))
    const attr = (v: number[]) =>
      ({ values: v, players }) as unknown as Parameters<typeof compareAttributions>[0]
    const fromAttributions = compareAttributions(attr(values), attr(other))
    expect(fromRecords.spearman).toBe(fromAttributions.spearman)
    expect(fromRecords.spearmanAbs).toBe(fromAttributions.spearmanAbs)
    expect(fromRecords.kendall).toBe(fromAttributions.kendall)
    expect(fromRecords.topOverlap).toBe(fromAttributions.topOverlap)
  })
})

import { describe, expect, it } from 'vitest'
import { globalImportance, planGlobalImportance, zerosBaseline } from '../../../src/explain'
import { counting, linearModel, randomArray } from './helpers/models'

const shape = { steps: 5, features: 2 }
// Only the last two steps matter.
const w = [0, 0, 0, 0, 0, 0, 1, -2, 3, 0.5]
const windows = randomArray(101, 10 * 8)

describe('globalImportance', () => {
  it('averages |Σ w·x| per step and per feature over the windows', async () => {
    const c = counting(linearModel(w))
    const seen: number[] = []
    const request = {
      method: 'exact' as const,
      windows,
      count: 8,
      shape,
      baseline: zerosBaseline(shape)
    }
    const g = await globalImportance(request, c.predict, { onProgress: (d) => seen.push(d) })
    const time = g.levels[0]!
    const feature = g.levels[1]!
    expect(time.labels).toEqual(['t-5', 't-4', 't-3', 't-2', 't-1'])
    for (let t = 0; t < 5; t++) {
      let abs = 0
      for (let i = 0; i < 8; i++)
        abs += Math.abs(
          w[2 * t]! * windows[i * 10 + 2 * t]! + w[2 * t + 1]! * windows[i * 10 + 2 * t + 1]!
        )
      expect(time.meanAbs[t]).toBeCloseTo(abs / 8, 5)
    }
    expect(time.meanAbs.slice(0, 3)).toEqual([0, 0, 0])
    for (let f = 0; f < 2; f++) {
      let abs = 0
      for (let i = 0; i < 8; i++) {
        let s = 0
        for (let t = 0; t < 5; t++) s += w[2 * t + f]! * windows[i * 10 + 2 * t + f]!
        abs += Math.abs(s)
      }
      expect(feature.meanAbs[f]).toBeCloseTo(abs / 8, 5)
    }
    expect(g.modelCalls).toBe(c.windows())
    expect(planGlobalImportance(request).total).toBe(c.windows())
    expect(seen.at(-1)).toBe(c.windows())
  })

  it('spreads a TimeSHAP pruned block over its steps so every window lines up', async () => {
    const request = {
      method: 'timeshap' as const,
      windows: windows.subarray(0, 30),
      count: 3,
      shape,
      baseline: zerosBaseline(shape),
      levels: ['time'] as const,
      // The default 1 % tolerance may also prune a step that barely matters in some window.
      params: { timeshap: { tolerance: 1e-9 } }
    }
    const g = await globalImportance(request, linearModel(w))
    expect(g.levels[0]!.meanAbs).toHaveLength(5)
    expect(g.levels[0]!.meanAbs.slice(0, 3).every((v) => Math.abs(v) < 1e-6)).toBe(true)
  })
})

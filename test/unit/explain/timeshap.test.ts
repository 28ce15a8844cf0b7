import { describe, expect, it } from 'vitest'
import {
  featureGrouping,
  planTimeShap,
  shapleyExact,
  timeGrouping,
  timeShap,
  zerosBaseline
} from '../../../src/explain'
import type { PredictFn } from '../../../src/explain'
import { counting, randomArray } from './helpers/models'

const T = 10
const shape = { steps: T, features: 2 }
const x = randomArray(81, 2 * T)

/** Looks at the last 3 steps only, with interactions between them. */
const recent: PredictFn = async (b, n) =>
  Float32Array.from({ length: n }, (_, i) => {
    const o = i * 2 * T
    const at = (t: number, f: number): number => b[o + t * 2 + f]!
    return Math.tanh(at(7, 0) + 2 * at(8, 1) - at(9, 0)) + at(9, 1) * at(8, 0)
  })

describe('timeShap', () => {
  it('prunes exactly the steps the model ignores and keeps additivity', async () => {
    const game = { x, baseline: zerosBaseline(shape), grouping: timeGrouping(shape) }
    const c = counting(recent)
    const r = await timeShap(game, c.predict)
    const ts = r.extra.timeshap!
    expect(ts.pruneIndex).toBe(7)
    expect(ts.prunedTwoPlayerValue).toBeCloseTo(0, 6)
    expect(ts.prunedValue).toBeCloseTo(0, 6)
    expect(ts.scan.map((s) => s.cut)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1])
    expect(r.players.map((p) => p.label)).toEqual(['pruned t-10..t-4', 't-3', 't-2', 't-1'])
    expect(r.additivityGap.relative).toBeLessThan(1e-4)
    // The kept steps get their exact Shapley values: the ignored steps are null players.
    const exact = await shapleyExact(game, recent)
    r.values.slice(1).forEach((v, i) => expect(v).toBeCloseTo(exact.values[7 + i]!, 5))
    // Calls: planned as a worst case, counted exactly.
    expect(r.modelCalls).toBe(c.windows())
    const plan = planTimeShap(game)
    expect(plan.exact).toBe(false)
    expect(plan.total).toBeGreaterThanOrEqual(c.windows())
    // 1 + 1 anchors, 2 × 9 scan coalitions, 2^4 − 2 KernelSHAP coalitions.
    expect(c.windows()).toBe(2 + 18 + 14)
  })

  it('does not prune when every old block matters', async () => {
    const sum: PredictFn = async (b, n) =>
      Float32Array.from({ length: n }, (_, i) =>
        b.subarray(i * 2 * T, (i + 1) * 2 * T).reduce((s, v) => s + v, 0)
      )
    const game = { x, baseline: zerosBaseline(shape), grouping: timeGrouping(shape) }
    const r = await timeShap(game, sum, { tolerance: 0 })
    expect(r.extra.timeshap!.pruneIndex).toBe(0)
    expect(r.players).toHaveLength(T)
  })

  it('prunes at feature level too: features over the kept steps plus the pruned block', async () => {
    const game = { x, baseline: zerosBaseline(shape), grouping: featureGrouping(shape) }
    const r = await timeShap(game, recent)
    expect(r.players.map((p) => p.steps.length)).toEqual([7, 3, 3])
    expect(r.additivityGap.relative).toBeLessThan(1e-4)
  })
})

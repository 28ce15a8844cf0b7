import { describe, expect, it } from 'vitest'
import {
  createRng,
  curveArea,
  deletionCurves,
  deriveSeed,
  importanceOrder,
  permutation,
  shapleyExact,
  timeGrouping,
  zerosBaseline
} from '../../../src/explain'
import { counting, linearModel } from './helpers/models'

const shape = { steps: 3, features: 1 }
const w = [3, 1, -2]
const x = Float32Array.from([1, 1, 1])
const baseline = zerosBaseline(shape)

/** f of x with only `present` steps kept (others 0), by hand for f = 3x0 + x1 − 2x2. */
const fOf = (present: number[]): number => present.reduce((s, t) => s + w[t]!, 0)

describe('deletion and insertion curves', () => {
  it('match hand-computed curves on a linear model', async () => {
    const model = linearModel(w)
    const attribution = await shapleyExact({ x, baseline, grouping: timeGrouping(shape) }, model)
    expect(attribution.values).toEqual([3, 1, -2])
    const c = counting(model)
    const curves = await deletionCurves({ x, baseline }, c.predict, attribution)
    // Order by value: step 0 (3), step 1 (1), step 2 (−2).
    expect(curves.x).toEqual([0, 1 / 3, 2 / 3, 1])
    expect(curves.deletion).toEqual([2, -1, -2, 0])
    expect(curves.insertion).toEqual([0, 3, 4, 2])
    // The random order is the seeded permutation of the explanation's seed.
    const order = Array.from(permutation(createRng(deriveSeed(attribution.seed, 2)), 3))
    const removed = (k: number): number[] => [0, 1, 2].filter((t) => !order.slice(0, k).includes(t))
    expect(curves.deletionRandom).toEqual([0, 1, 2, 3].map((k) => fOf(removed(k))))
    expect(curves.insertionRandom).toEqual([0, 1, 2, 3].map((k) => fOf(order.slice(0, k))))
    expect(curves.deletionArea).toBeCloseTo(curveArea(curves.deletionRandom) - -2 / 3, 12)
    expect(curves.insertionArea).toBeCloseTo(8 / 3 - curveArea(curves.insertionRandom), 12)
    // 2 + 2 curves × 2 interior points each.
    expect(c.windows()).toBe(8)
  })

  it('computes the trapezoid area on [0, 1]', () => {
    expect(curveArea([2, -1, -2, 0])).toBeCloseTo(-2 / 3, 14)
    expect(curveArea([1, 1])).toBe(1)
  })

  it('ranks by signed value or by magnitude', () => {
    expect(importanceOrder([1, -5, 3], 'signed')).toEqual([2, 0, 1])
    expect(importanceOrder([1, -5, 3], 'absolute')).toEqual([1, 2, 0])
  })

  it('averages several random orders', async () => {
    const model = linearModel(w)
    const attribution = await shapleyExact({ x, baseline, grouping: timeGrouping(shape) }, model)
    const curves = await deletionCurves({ x, baseline }, model, attribution, { randomOrders: 200 })
    // Over many orders, a step is removed at position k with probability 1/3 each:
    // E[f after removing k] = 2 − k·(2/3).
    curves.deletionRandom.forEach((y, k) => expect(y).toBeCloseTo(2 - (2 * k) / 3, 0))
  })
})

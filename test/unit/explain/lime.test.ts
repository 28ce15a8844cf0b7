import { describe, expect, it } from 'vitest'
import {
  customBaseline,
  featureGrouping,
  lime,
  limeSpread,
  planLime,
  segmentGrouping,
  timeGrouping
} from '../../../src/explain'
import type { PredictFn } from '../../../src/explain'
import { counting, linearModel, linearShapley, randomArray } from './helpers/models'

const shape = { steps: 6, features: 2 }
const w = randomArray(61, 12)
const x = randomArray(62, 12)
const baseline = customBaseline(randomArray(63, 24), 2, shape, 'background')

const squashed: PredictFn = async (b, n) =>
  Float32Array.from({ length: n }, (_, i) => {
    let s = 0
    for (let c = 0; c < 12; c++) s += w[c]! * b[i * 12 + c]!
    return Math.tanh(s) + b[i * 12]! * b[i * 12 + 11]!
  })

describe('lime', () => {
  for (const grouping of [timeGrouping(shape), featureGrouping(shape), segmentGrouping(shape, 4)]) {
    it(`recovers Σ w·(x − b) per group on a linear model (${grouping.level})`, async () => {
      const game = { x, baseline, grouping }
      const r = await lime(game, linearModel(w, 1.5), { ridge: 0, nsamples: 300 })
      const expected = linearShapley(w, x, baseline, grouping)
      r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
      expect(r.extra.lime!.r2).toBeCloseTo(1, 6)
      expect(r.extra.lime!.intercept).toBeCloseTo(r.baselinePrediction, 5)
    })
  }

  it('shrinks only slightly with the default ridge penalty', async () => {
    const grouping = timeGrouping(shape)
    const r = await lime({ x, baseline, grouping }, linearModel(w))
    const expected = linearShapley(w, x, baseline, grouping)
    r.values.forEach((v, i) =>
      expect(Math.abs(v - expected[i]!)).toBeLessThan(0.01 * Math.abs(expected[i]!) + 1e-4)
    )
    expect(r.extra.lime).toMatchObject({ kernelWidth: 0.75 * Math.sqrt(6), ridge: 0.01 })
  })

  it('gives identical output for a seed and reports the spread across seeds', async () => {
    const game = { x, baseline, grouping: timeGrouping(shape) }
    const a = await lime(game, squashed, { nsamples: 200, seed: 9 })
    const b = await lime(game, squashed, { nsamples: 200, seed: 9 })
    expect(b).toEqual({ ...a, seconds: b.seconds })
    const spread = await limeSpread(game, squashed, [1, 2, 3, 4], { nsamples: 200 })
    expect(spread.runs.map((r) => r.seed)).toEqual([1, 2, 3, 4])
    expect(spread.std.every((s) => s > 0)).toBe(true)
    expect(spread.r2.every((r) => r > 0 && r <= 1)).toBe(true)
    spread.mean.forEach((m, p) => {
      const xs = spread.runs.map((r) => r.values[p]!)
      expect(m).toBeCloseTo(xs.reduce((s, v) => s + v, 0) / 4, 12)
    })
    // A linear model is recovered whatever the seed: no spread.
    const linear = await limeSpread(game, linearModel(w), [1, 2, 3], { ridge: 0, nsamples: 100 })
    for (const s of linear.std) expect(s).toBeLessThan(1e-5)
  })

  it('evaluates the planned windows', async () => {
    const game = { x, baseline, grouping: timeGrouping(shape) }
    const c = counting(squashed)
    const r = await lime(game, c.predict, { nsamples: 150, maxBatch: 37 })
    expect(c.windows()).toBe(planLime(game, { nsamples: 150 }).total)
    expect(c.windows()).toBe(1 + 2 + 149 * 2)
    expect(r.modelCalls).toBe(c.windows())
  })
})

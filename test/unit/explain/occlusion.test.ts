import { describe, expect, it } from 'vitest'
import {
  cellGrouping,
  customBaseline,
  featureGrouping,
  occlusion,
  occlusionPatches,
  planOcclusion,
  timeGrouping,
  zerosBaseline
} from '../../../src/explain'
import type { PredictFn } from '../../../src/explain'
import { counting } from './helpers/models'

// f(x) = x0 + 2·x1 + x0·x2 over 3 steps × 1 feature.
const tiny: PredictFn = async (b, n) =>
  Float32Array.from(
    { length: n },
    (_, i) => b[3 * i]! + 2 * b[3 * i + 1]! + b[3 * i]! * b[3 * i + 2]!
  )
const shape = { steps: 3, features: 1 }
const x = Float32Array.from([1, 2, 3])
const game = { x, baseline: zerosBaseline(shape), grouping: timeGrouping(shape) }

describe('occlusion', () => {
  it('gives f(x) − f(x without the step) for a window of one', async () => {
    // f(x) = 1 + 4 + 3 = 8; without step 0: 4; without step 1: 4; without step 2: 5.
    const r = await occlusion(game, tiny)
    expect(r.values).toEqual([4, 4, 3])
    expect(r.prediction).toBe(8)
    expect(r.baselinePrediction).toBe(0)
    expect(r.extra.occlusion).toEqual({ window: 1, stride: 1, patches: 3 })
  })

  it('averages the windows that cover each step', async () => {
    // Windows {0,1}: f = 0 → Δ 8; {1,2}: f = 1 → Δ 7. Step 1 is covered by both.
    const r = await occlusion(game, tiny, { window: 2, stride: 1 })
    expect(r.values).toEqual([8, 7.5, 7])
    // Stride 2 would stop after {0,1}; the last window moves back to cover step 2.
    const s = await occlusion(game, tiny, { window: 2, stride: 2 })
    expect(s.values).toEqual([8, 7.5, 7])
  })

  it('occludes against every background row and averages', async () => {
    const bg = customBaseline(Float32Array.from([0, 0, 0, 1, 1, 1]), 2, shape)
    // Row 2 (all ones) without step 0: 1 + 4 + 3 = 8 → Δ 0; row 1: Δ 4. Mean 2.
    const r = await occlusion({ ...game, baseline: bg }, tiny)
    expect(r.values[0]).toBeCloseTo(2, 6)
    expect(r.baselinePrediction).toBeCloseTo((0 + 4) / 2, 6)
  })

  it('slides along time within each feature at cell level, and over features at feature level', () => {
    const s = { steps: 4, features: 2 }
    expect(occlusionPatches(cellGrouping(s), { window: 2, stride: 2 })).toEqual([
      [0, 2],
      [4, 6],
      [1, 3],
      [5, 7]
    ])
    expect(occlusionPatches(featureGrouping(s))).toEqual([[0], [1]])
    expect(occlusionPatches(timeGrouping(s), { window: 9 })).toEqual([[0, 1, 2, 3]])
  })

  it('evaluates the planned windows', async () => {
    const c = counting(tiny)
    const r = await occlusion(game, c.predict, { window: 2 })
    expect(c.windows()).toBe(planOcclusion(game, { window: 2 }).total)
    expect(r.modelCalls).toBe(c.windows())
  })

  it('rejects a zero window', () => {
    expect(() => planOcclusion(game, { window: 0 })).toThrow(/window/)
  })
})

import { describe, expect, it } from 'vitest'
import {
  ExplainInputError,
  cellGrouping,
  customBaseline,
  featureGrouping,
  integratedGradients,
  planIntegratedGradients,
  timeGrouping,
  zerosBaseline
} from '../../../src/explain'
import type { GradFn, PredictFn } from '../../../src/explain'
import { counting, linearGradient, linearModel, linearShapley, randomArray } from './helpers/models'

const shape = { steps: 4, features: 3 }
const w = randomArray(71, 12)
const x = randomArray(72, 12)
const background = customBaseline(randomArray(73, 36), 3, shape, 'background')

const cube: PredictFn = async (b, n) =>
  Float32Array.from({ length: n }, (_, i) =>
    b.subarray(i * 12, i * 12 + 12).reduce((s, v) => s + v ** 3, 0)
  )
const cubeGradient: GradFn = async (b, n) =>
  Float32Array.from({ length: n * 12 }, (_, i) => 3 * b[i]! ** 2)

describe('integrated gradients', () => {
  for (const grouping of [timeGrouping(shape), featureGrouping(shape), cellGrouping(shape)]) {
    for (const rule of ['trapezoid', 'gauss-legendre'] as const) {
      it(`equals Σ w·(x − b) on a linear model (${grouping.level}, ${rule})`, async () => {
        const r = await integratedGradients(
          { x, baseline: background, grouping },
          linearModel(w),
          linearGradient(w),
          { rule, steps: 5 }
        )
        const expected = linearShapley(w, x, background, grouping)
        r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
        expect(Math.abs(r.extra.integratedGradients!.completenessGap)).toBeLessThan(1e-5)
        expect(r.cells).toHaveLength(4)
        expect(r.cells![0]).toHaveLength(3)
      })
    }
  }

  it('reports the completeness gap of a coarse rule (f = Σx³, one cell)', async () => {
    const one = { steps: 1, features: 1 }
    const g = {
      x: Float32Array.from([1]),
      baseline: zerosBaseline(one),
      grouping: timeGrouping(one)
    }
    const f: PredictFn = async (b, n) => Float32Array.from({ length: n }, (_, i) => b[i]! ** 3)
    const df: GradFn = async (b, n) => Float32Array.from({ length: n }, (_, i) => 3 * b[i]! ** 2)
    // Trapezoid with 2 points: (3·0² + 3·1²)/2 = 1.5 against the exact 1 → gap 0.5.
    const t = await integratedGradients(g, f, df, { rule: 'trapezoid', steps: 2 })
    expect(t.values[0]).toBeCloseTo(1.5, 12)
    expect(t.extra.integratedGradients!.completenessGap).toBeCloseTo(0.5, 12)
    // Gauss–Legendre with 2 nodes integrates the quadratic 3α² exactly.
    const gl = await integratedGradients(g, f, df, { rule: 'gauss-legendre', steps: 2 })
    expect(gl.values[0]).toBeCloseTo(1, 6) // float32 path windows
  })

  it('gives x³ − b³ per cell with enough nodes, averaged over the background', async () => {
    const r = await integratedGradients(
      { x, baseline: background, grouping: cellGrouping(shape) },
      cube,
      cubeGradient,
      { steps: 3 }
    )
    r.values.forEach((v, c) => {
      let mean = 0
      for (let row = 0; row < 3; row++) mean += x[c]! ** 3 - background.windows[row * 12 + c]! ** 3
      expect(v).toBeCloseTo(mean / 3, 4)
    })
    expect(r.additivityGap.relative).toBeLessThan(1e-5)
  })

  it('counts gradient and predict windows as planned', async () => {
    const game = { x, baseline: background, grouping: timeGrouping(shape) }
    const p = counting(linearModel(w))
    const g = counting(linearGradient(w))
    const r = await integratedGradients(game, p.predict, g.predict, { steps: 7, maxBatch: 4 })
    const plan = planIntegratedGradients(game, { steps: 7 })
    expect(p.windows() + g.windows()).toBe(plan.total)
    expect(g.windows()).toBe(21)
    expect(r.modelCalls).toBe(plan.total)
  })

  it('rejects a trapezoid with one point', () => {
    const game = { x, baseline: background, grouping: timeGrouping(shape) }
    expect(() => planIntegratedGradients(game, { rule: 'trapezoid', steps: 1 })).toThrow(
      ExplainInputError
    )
  })
})

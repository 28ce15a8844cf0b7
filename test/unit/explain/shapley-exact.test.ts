import { describe, expect, it } from 'vitest'
import {
  ExplainInputError,
  cellGrouping,
  createRng,
  customBaseline,
  featureGrouping,
  planShapleyExact,
  segmentGrouping,
  shapleyExact,
  shapleyFromCoalitionValues,
  timeGrouping,
  zerosBaseline
} from '../../../src/explain'
import { shapleyByPermutations } from './helpers/games'
import { counting, linearModel, linearShapley, randomArray } from './helpers/models'

function tableOf(v: (set: number) => number, m: number): Float64Array {
  return Float64Array.from({ length: 2 ** m }, (_, s) => v(s))
}

const has = (set: number, p: number): number => (set >> p) & 1

describe('shapleyFromCoalitionValues on hand-computed games', () => {
  it('splits a pairwise interaction equally and a 3-way one in thirds', () => {
    // v(S) = 1·[0] + 2·[1] + 3·[2] + 4·[0][1] + 6·[0][1][2]
    const v = (s: number): number =>
      has(s, 0) +
      2 * has(s, 1) +
      3 * has(s, 2) +
      4 * has(s, 0) * has(s, 1) +
      6 * has(s, 0) * has(s, 1) * has(s, 2)
    const phi = shapleyFromCoalitionValues(tableOf(v, 3), 3)
    expect(Array.from(phi)).toEqual([
      expect.closeTo(1 + 2 + 2, 12),
      expect.closeTo(2 + 2 + 2, 12),
      expect.closeTo(3 + 2, 12)
    ])
  })

  it('solves the glove game (one left glove, two right gloves)', () => {
    const v = (s: number): number => Math.min(has(s, 0), has(s, 1) + has(s, 2))
    const phi = shapleyFromCoalitionValues(tableOf(v, 3), 3)
    expect(phi[0]).toBeCloseTo(2 / 3, 12)
    expect(phi[1]).toBeCloseTo(1 / 6, 12)
    expect(phi[2]).toBeCloseTo(1 / 6, 12)
  })

  it('gives a symmetric majority game equal shares', () => {
    const v = (s: number): number => (has(s, 0) + has(s, 1) + has(s, 2) >= 2 ? 1 : 0)
    for (const p of shapleyFromCoalitionValues(tableOf(v, 3), 3)) expect(p).toBeCloseTo(1 / 3, 12)
  })

  it('agrees with the average over all orders on a random 6-player game', () => {
    const rng = createRng(11)
    const table = Float64Array.from({ length: 64 }, () => rng.normal())
    const phi = shapleyFromCoalitionValues(table, 6)
    const reference = shapleyByPermutations((s) => table[s]!, 6)
    phi.forEach((p, i) => expect(p).toBeCloseTo(reference[i]!, 10))
    const sum = phi.reduce((a, b) => a + b, 0)
    expect(sum).toBeCloseTo(table[63]! - table[0]!, 10)
  })
})

describe('shapleyExact through a model', () => {
  it('splits x1·x2 as ½(x1 − b1)(x2 + b2) each way', async () => {
    const shape = { steps: 2, features: 1 }
    const predict = async (batch: Float32Array, n: number): Promise<Float32Array> =>
      Float32Array.from({ length: n }, (_, i) => batch[2 * i]! * batch[2 * i + 1]!)
    const x = Float32Array.from([3, 5])
    const b = customBaseline(Float32Array.from([1, 2]), 1, shape)
    const r = await shapleyExact({ x, baseline: b, grouping: timeGrouping(shape) }, predict)
    expect(r.values[0]).toBeCloseTo(0.5 * (3 - 1) * (5 + 2), 5)
    expect(r.values[1]).toBeCloseTo(0.5 * (5 - 2) * (3 + 1), 5)
    expect(r.prediction).toBe(15)
    expect(r.baselinePrediction).toBe(2)
  })

  const shape = { steps: 5, features: 3 }
  const w = randomArray(1, 15)
  const x = randomArray(2, 15)
  const background = customBaseline(randomArray(3, 45), 3, shape, 'background')
  const cases = [
    ['time', timeGrouping(shape)],
    ['feature', featureGrouping(shape)],
    ['segment', segmentGrouping(shape, 2)],
    ['cell (3×2 window)', cellGrouping({ steps: 3, features: 2 })]
  ] as const

  for (const [name, grouping] of cases) {
    it(`matches Σ w·(x − b) for a linear model at ${name} level`, async () => {
      const size = grouping.shape.steps * grouping.shape.features
      const ws = w.subarray(0, size)
      const xs = x.subarray(0, size)
      for (const baseline of [
        zerosBaseline(grouping.shape),
        customBaseline(background.windows.subarray(0, 3 * size), 3, grouping.shape)
      ]) {
        const r = await shapleyExact({ x: xs, baseline, grouping }, linearModel(ws, 0.3))
        const expected = linearShapley(ws, xs, baseline, grouping)
        r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
        expect(r.additivityGap.relative).toBeLessThan(1e-5)
      }
    })
  }

  it('evaluates exactly the planned windows, in calls of at most maxBatch', async () => {
    const g = { x, baseline: background, grouping: timeGrouping(shape) }
    const c = counting(linearModel(w))
    const calls: number[] = []
    const r = await shapleyExact(
      g,
      async (b, n) => {
        calls.push(n)
        return c.predict(b, n)
      },
      { maxBatch: 10 }
    )
    expect(planShapleyExact(g).total).toBe(1 + 3 + 3 * (2 ** 5 - 2))
    expect(c.windows()).toBe(planShapleyExact(g).total)
    expect(r.modelCalls).toBe(c.windows())
    expect(Math.max(...calls)).toBeLessThanOrEqual(10)
  })

  it('refuses more players than it can enumerate', () => {
    const big = { steps: 21, features: 1 }
    expect(() =>
      planShapleyExact({
        x: new Float32Array(21),
        baseline: zerosBaseline(big),
        grouping: timeGrouping(big)
      })
    ).toThrow(ExplainInputError)
  })
})

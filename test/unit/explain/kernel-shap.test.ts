import { describe, expect, it } from 'vitest'
import {
  cellGrouping,
  createRng,
  customBaseline,
  featureGrouping,
  kernelShap,
  kernelSizePlan,
  planKernelShap,
  shapleyExact,
  timeGrouping,
  zerosBaseline
} from '../../../src/explain'
import type { Grouping, PredictFn } from '../../../src/explain'
import { counting, linearModel, linearShapley, randomArray } from './helpers/models'

const shape = { steps: 5, features: 4 }
const size = 20
const w = randomArray(21, size)
const x = randomArray(22, size)
const background = customBaseline(randomArray(23, 3 * size), 3, shape, 'background')

/** A model with strong interactions: tanh of a linear score plus products across steps. */
function interacting(width: number): PredictFn {
  return async (batch, n) => {
    const out = new Float32Array(n)
    for (let i = 0; i < n; i++) {
      const o = i * width
      let s = 0
      for (let c = 0; c < width; c++) s += ((c % 5) - 2) * batch[o + c]!
      out[i] =
        3 * Math.tanh(0.3 * s) +
        Math.max(0, batch[o + 1]!) * batch[o + width - 2]! +
        batch[o]! * batch[o + width - 1]!
    }
    return out
  }
}

describe('kernelSizePlan', () => {
  it('refuses a sampling budget below 2·M', () => {
    expect(() => kernelSizePlan(18, 35)).toThrow(/nsamples ≥ 36/)
  })

  it('enumerates everything when the budget covers 2^M − 2 coalitions', () => {
    expect(kernelSizePlan(6, 62)).toMatchObject({ mode: 'exact', fixed: 62, pairs: 0 })
    expect(kernelSizePlan(6, 61).mode).toBe('sampled')
  })

  it('fills whole sizes first and draws pairs for the rest (M = 4, 12 samples)', () => {
    // Sizes 1 and 3 (8 coalitions) get 72.7 % of the kernel weight: 12·0.727/8 ≥ 1, so they are
    // enumerated; the 6 coalitions of size 2 would need 6 > 4 left, so 2 pairs are drawn.
    expect(kernelSizePlan(4, 12)).toMatchObject({
      mode: 'sampled',
      fullSizes: 1,
      fixed: 8,
      pairs: 2
    })
    expect(kernelSizePlan(4, 12).weightLeft).toBeCloseTo(0.75 / 2.75, 12)
  })
})

describe('kernelShap on a linear model', () => {
  // Budgets that force sampling: below 2^M − 2 coalitions but at least 2·M.
  const groupings: [string, Grouping, number][] = [
    ['time', timeGrouping(shape), 12],
    ['feature', featureGrouping(shape), 10],
    ['cell', cellGrouping(shape), 44]
  ]
  for (const [name, grouping, sampled] of groupings) {
    for (const nsamples of [undefined, sampled]) {
      it(`gives Σ w·(x − b) at ${name} level with ${nsamples ?? 'default'} samples`, async () => {
        const game = { x, baseline: background, grouping }
        const r = await kernelShap(
          game,
          linearModel(w, -0.4),
          nsamples === undefined ? {} : { nsamples }
        )
        const expected = linearShapley(w, x, background, grouping)
        const m = grouping.players.length
        expect(r.extra.kernelMode).toBe(nsamples === undefined && m <= 11 ? 'exact' : 'sampled')
        r.values.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
        expect(Math.abs(r.additivityGap.absolute)).toBeLessThan(1e-9)
      })
    }
  }
})

describe('kernelShap on a model with interactions', () => {
  const wide = { steps: 10, features: 1 }
  const x10 = randomArray(31, 10)
  const bg10 = customBaseline(randomArray(32, 20), 2, wide, 'background')
  const game = { x: x10, baseline: bg10, grouping: timeGrouping(wide) }
  const model = interacting(10)

  it('equals exact enumeration when every coalition is in the budget', async () => {
    const exact = await shapleyExact(game, model)
    const r = await kernelShap(game, model)
    expect(r.extra.kernelMode).toBe('exact')
    r.values.forEach((v, i) => expect(v).toBeCloseTo(exact.values[i]!, 8))
    expect(r.stderr).toEqual(new Array(10).fill(0))
  })

  it('stays within a few reported standard errors when sampling', async () => {
    const exact = await shapleyExact(game, model)
    let worst = 0
    for (const seed of [1, 2, 3]) {
      const r = await kernelShap(game, model, { nsamples: 200, seed, bootstrap: 100 })
      expect(r.extra.kernelMode).toBe('sampled')
      expect(r.additivityGap.relative).toBeLessThan(1e-4)
      r.values.forEach((v, i) => {
        const se = r.stderr![i]!
        expect(se).toBeGreaterThan(0)
        const z = Math.abs(v - exact.values[i]!) / se
        worst = Math.max(worst, z)
        expect(Math.abs(v - exact.values[i]!)).toBeLessThan(4 * se + 1e-6)
      })
    }
    // The errors are not all tiny: the standard errors are not wildly pessimistic either.
    expect(worst).toBeGreaterThan(0.5)
  })

  it('is reproducible for a seed and differs between seeds', async () => {
    const a = await kernelShap(game, model, { nsamples: 100, seed: 5 })
    const b = await kernelShap(game, model, { nsamples: 100, seed: 5 })
    const c = await kernelShap(game, model, { nsamples: 100, seed: 6 })
    expect(b).toEqual({ ...a, seconds: b.seconds })
    expect(c.values).not.toEqual(a.values)
  })

  it('evaluates exactly the planned windows in both modes', async () => {
    for (const nsamples of [100, 101, 5000]) {
      const c = counting(model)
      const r = await kernelShap(game, c.predict, { nsamples, maxBatch: 64 })
      expect(c.windows()).toBe(planKernelShap(game, { nsamples }).total)
      expect(r.modelCalls).toBe(c.windows())
    }
  })

  it('uses the shap-style default budget (2M + 2048) on many players', async () => {
    const cells = { steps: 12, features: 2 }
    const g = {
      x: randomArray(41, 24),
      baseline: zerosBaseline(cells),
      grouping: cellGrouping(cells)
    }
    const c = counting(interacting(24))
    const r = await kernelShap(g, c.predict, { bootstrap: 10 })
    expect(r.extra.kernelMode).toBe('sampled')
    expect(r.extra.coalitions).toBeLessThanOrEqual(2 * 24 + 2048)
    expect(c.windows()).toBe(planKernelShap(g).total)
    expect(r.additivityGap.relative).toBeLessThan(1e-4)
  })

  it('has drawn coalitions that are distinct', async () => {
    // Indirectly: with a budget just under 2^M − 2, every distinct coalition is one model window.
    const g = {
      x: randomArray(51, 5),
      baseline: zerosBaseline({ steps: 5, features: 1 }),
      grouping: timeGrouping({ steps: 5, features: 1 })
    }
    const seen = new Set<string>()
    const recording: PredictFn = async (batch, n) => {
      for (let i = 0; i < n; i++) seen.add(Array.from(batch.subarray(i * 5, i * 5 + 5)).join(','))
      return interacting(5)(batch, n)
    }
    const r = await kernelShap(g, recording, { nsamples: 28, seed: createRng(1).uint32() })
    expect(seen.size).toBe(r.modelCalls)
  })
})

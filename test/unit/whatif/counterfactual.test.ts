import type * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ExplainInputError,
  counterfactual,
  l1Distance,
  penaltyObjective,
  searchSpace,
  type GradFn,
  type PredictFn
} from '../../../src/explain'
import { linearGradient, linearModel, randomArray } from '../explain/helpers/models'
import { gradFnOf, predictFnOf, sunspotWindows, trainLstm } from '../explain/helpers/tiny-lstm'

const shape = { steps: 3, features: 2 }
const w = [0.3, -1.2, 0.8, 0.1, -0.5, 2.0]
const x = [0.2, 0.4, -0.1, 0.3, 0.5, -0.2]
const bounds: [number, number][] = [
  [-1, 1],
  [-0.5, 2]
]
const f0 = w.reduce((s, wi, i) => s + wi * x[i]!, 0)

/**
 * The minimal Σ cost·|Δ| with w·Δ = d in the box, by enumeration: a linear
 * programme's optimum is a vertex, where every cell but at most one sits at its
 * original value or a bound; the remaining cell solves the constraint.
 */
function enumeratedMinimum(d: number, free: readonly number[]): number {
  const space = searchSpace(x, shape, { bounds })
  let bestCost = Infinity
  const n = free.length
  for (let k = 0; k < n; k++) {
    const others = free.filter((_, i) => i !== k)
    for (let code = 0; code < 3 ** others.length; code++) {
      let rest = d
      let cost = 0
      let c = code
      for (const o of others) {
        const choice = c % 3
        c = Math.floor(c / 3)
        const to = choice === 0 ? x[o]! : choice === 1 ? space.lo[o]! : space.hi[o]!
        rest -= w[o]! * (to - x[o]!)
        cost += space.cost[o]! * Math.abs(to - x[o]!)
      }
      const cell = free[k]!
      const delta = rest / w[cell]!
      const to = x[cell]! + delta
      if (to < space.lo[cell]! - 1e-12 || to > space.hi[cell]! + 1e-12) continue
      cost += space.cost[cell]! * Math.abs(delta)
      bestCost = Math.min(bestCost, cost)
    }
  }
  return bestCost
}

/** A smooth nonlinear model with its exact gradient: f = tanh(w·x) + Σ x³ / 3. */
const nonlinear: PredictFn = async (batch, n) =>
  Float32Array.from({ length: n }, (_, i) => {
    const z = batch.subarray(i * 6, i * 6 + 6)
    return (
      Math.tanh(z.reduce((s, v, c) => s + w[c]! * v, 0)) + z.reduce((s, v) => s + v ** 3 / 3, 0)
    )
  })
const nonlinearGradient: GradFn = async (batch, n) => {
  const out = new Float32Array(n * 6)
  for (let i = 0; i < n; i++) {
    const z = batch.subarray(i * 6, i * 6 + 6)
    const t = Math.tanh(z.reduce((s, v, c) => s + w[c]! * v, 0))
    for (let c = 0; c < 6; c++) out[i * 6 + c] = (1 - t * t) * w[c]! + z[c]! ** 2
  }
  return out
}

describe('counterfactual search on a linear model', () => {
  const predict = linearModel(w)
  const gradient = linearGradient(w)

  for (const target of [f0 + 0.5, f0 - 1.5, f0 + 3.5]) {
    it(`finds the enumerated minimal L1 change for target ${target.toFixed(2)}`, async () => {
      const r = await counterfactual(x, shape, predict, gradient, {
        bounds,
        target,
        tolerance: 1e-5
      })
      expect(r.reached).toBe(true)
      expect(Math.abs(r.prediction - target)).toBeLessThanOrEqual(1e-5)
      const minimum = enumeratedMinimum(target - f0, [0, 1, 2, 3, 4, 5])
      expect(r.distance).toBeCloseTo(minimum, 4)
    })
  }

  it('moves only the single most effective cell when no bound binds', async () => {
    const r = await counterfactual(x, shape, predict, gradient, {
      bounds,
      target: f0 + 0.2,
      tolerance: 1e-6
    })
    // |w|/cost per cell: feature 0 has range 2, feature 1 range 2.5; cell 5 (w = 2, range 2.5) wins.
    expect(r.changed.map((c) => [c.step, c.feature])).toEqual([[2, 1]])
    expect(r.changed[0]!.to - r.changed[0]!.from).toBeCloseTo(0.1, 5)
  })

  it('respects locks, last-k steps and bounds', async () => {
    const options = { bounds, target: f0 + 1, tolerance: 1e-5, lockedFeatures: [1], lastSteps: 2 }
    const r = await counterfactual(x, shape, predict, gradient, options)
    const space = searchSpace(x, shape, options)
    for (const c of r.changed) {
      expect(c.feature).not.toBe(1)
      expect(c.step).toBeGreaterThanOrEqual(1)
      const cell = c.step * 2 + c.feature
      expect(c.to).toBeGreaterThanOrEqual(space.lo[cell]!)
      expect(c.to).toBeLessThanOrEqual(space.hi[cell]!)
    }
    expect(r.reached).toBe(true)
    // Free cells are 2 and 4 only (feature 0, steps 1–2): the enumeration over them agrees.
    expect(r.distance).toBeCloseTo(enumeratedMinimum(1, [2, 4]), 4)
  })

  it('says when the target cannot be reached and returns the closest forecast', async () => {
    // With only feature 0 at the last step free, f can rise by at most w₄·(hi − x₄)… w₄ < 0, so lower x₄.
    const options = { bounds, target: f0 + 5, tolerance: 1e-4, lockedFeatures: [1], lastSteps: 1 }
    const r = await counterfactual(x, shape, predict, gradient, options)
    expect(r.reached).toBe(false)
    const best = f0 + w[4]! * (bounds[0]![0] - x[4]!)
    expect(r.prediction).toBeCloseTo(best, 5)
    expect(r.changed).toEqual(
      [{ step: 2, feature: 0, from: x[4], to: bounds[0]![0] }].map((c) => ({
        ...c,
        from: Math.fround(c.from!)
      }))
    )
  })

  it('rejects bad locks and bounds with a message naming them', async () => {
    await expect(
      counterfactual(x, shape, predict, gradient, {
        bounds,
        target: 0,
        tolerance: 0,
        lockedFeatures: [5]
      })
    ).rejects.toThrow(/Locked feature 5/)
    await expect(
      counterfactual(x, shape, predict, gradient, { bounds: [[0, 1]], target: 0, tolerance: 0 })
    ).rejects.toThrow(ExplainInputError)
  })
})

describe('counterfactual search on nonlinear models', () => {
  it('reaches a reachable target within 1 % of the target range, inside the bounds', async () => {
    const range = bounds[0]![1] - bounds[0]![0]
    const f = (await nonlinear(Float32Array.from(x), 1))[0]!
    for (const target of [f + 0.8, f - 0.6]) {
      const progress: [number, number][] = []
      const r = await counterfactual(x, shape, nonlinear, nonlinearGradient, {
        bounds,
        target,
        tolerance: 0.005 * range,
        onProgress: (done, total) => progress.push([done, total])
      })
      expect(r.reached).toBe(true)
      expect(progress.at(-1)).toEqual([r.iterations, 25])
      expect(Math.abs(r.prediction - target)).toBeLessThanOrEqual(0.01 * range)
      // The prediction reported is the model's own value on the window returned.
      expect((await nonlinear(r.window, 1))[0]).toBe(r.prediction)
      expect(r.changed.length).toBeLessThan(6)
    }
  })

  it('the penalty objective’s gradient matches central finite differences', async () => {
    const space = searchSpace(x, shape, { bounds })
    const z = Float64Array.from(randomArray(5, 6), (v, c) => x[c]! + 0.3 * v + 0.05)
    const target = 0.7
    const mu = 0.3
    const J = async (v: Float64Array): Promise<number> => {
      const f = (await nonlinear(Float32Array.from(v), 1))[0]!
      return 0.5 * (f - target) ** 2 + mu * l1Distance(space, x, v)
    }
    const f = (await nonlinear(Float32Array.from(z), 1))[0]!
    const g = await nonlinearGradient(Float32Array.from(z), 1)
    const objective = penaltyObjective(space, x, z, f, g, target, mu)
    expect(objective.value).toBeCloseTo(await J(z), 6)
    const h = 1e-3
    for (let c = 0; c < 6; c++) {
      const up = Float64Array.from(z)
      const down = Float64Array.from(z)
      up[c]! += h
      down[c]! -= h
      const fd = ((await J(up)) - (await J(down))) / (2 * h)
      expect(objective.gradient[c]).toBeCloseTo(fd, 3)
    }
  })

  describe('on a trained LSTM (tfjs gradients)', () => {
    const steps = 8
    let model: tf.LayersModel
    beforeAll(async () => {
      model = await trainLstm(steps, 3, 2)
    })
    afterAll(() => model.dispose())

    it('gradient parity of the objective with tf.grad against finite differences', async () => {
      const lstmShape = { steps, features: 1 }
      const { windows } = sunspotWindows(steps)
      const x0 = Array.from(windows.subarray(40 * steps, 41 * steps))
      const space = searchSpace(x0, lstmShape, { bounds: [[0, 1]] })
      const z = Float64Array.from(x0, (v, i) => v + 0.02 * (i % 3) + 0.01)
      const predict = predictFnOf(model, steps)
      const objective = penaltyObjective(
        space,
        x0,
        z,
        (await predict(Float32Array.from(z), 1))[0]!,
        await gradFnOf(model, steps)(Float32Array.from(z), 1),
        0.9,
        0.01
      )
      const J = async (v: Float64Array): Promise<number> =>
        0.5 * ((await predict(Float32Array.from(v), 1))[0]! - 0.9) ** 2 +
        0.01 * l1Distance(space, x0, v)
      const h = 5e-3
      const scale = Math.max(...objective.gradient.map(Math.abs))
      for (let c = 0; c < steps; c++) {
        const up = Float64Array.from(z)
        const down = Float64Array.from(z)
        up[c]! += h
        down[c]! -= h
        const fd = ((await J(up)) - (await J(down))) / (2 * h)
        expect(Math.abs(objective.gradient[c]! - fd)).toBeLessThan(0.02 * scale)
      }
    })

    it('moves the LSTM forecast to a reachable target', async () => {
      const { windows } = sunspotWindows(steps)
      const x0 = windows.subarray(40 * steps, 41 * steps)
      const predict = predictFnOf(model, steps)
      const f = (await predict(x0, 1))[0]!
      const r = await counterfactual(x0, { steps, features: 1 }, predict, gradFnOf(model, steps), {
        bounds: [[0, 1]],
        target: f + 0.05,
        tolerance: 0.005
      })
      expect(r.reached).toBe(true)
      expect(Math.abs(r.prediction - (f + 0.05))).toBeLessThanOrEqual(0.01)
      for (const c of r.changed) {
        expect(c.to).toBeGreaterThanOrEqual(Math.min(0, c.from))
        expect(c.to).toBeLessThanOrEqual(Math.max(1, c.from))
      }
    })
  })
})

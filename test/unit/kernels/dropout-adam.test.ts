import * as tf from '@tensorflow/tfjs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { withSeededMathRandom } from '../../../src/core/engine/seeded-random'
import { convertModel, FastDropout, FusedAdam, fusedAdam } from '../../../src/core/kernels'
import { fillDropoutMask } from '../../../src/core/kernels/fast-dropout'
import { loadModel } from '../../../src/core/runs/model-io'
import { REFERENCE_MODEL } from '../../../src/shared/model-config'
import { relError, seeded, useBackend, values } from './helpers'

const FIXTURE_RUN = 'test/fixtures/runs/v1/runs/2026-11-29T16-50-28-919-c27ff0'

describe('fast dropout mask', () => {
  it('keeps each entry with probability 1 - rate, scaled by 1 / (1 - rate), repeatably', () => {
    const n = 200_000
    const a = new Float32Array(n)
    const b = new Float32Array(n)
    fillDropoutMask(a, 0.2, 12345)
    fillDropoutMask(b, 0.2, 12345)
    expect(b).toEqual(a)
    const scale = Math.fround(1 / 0.8)
    const kept = a.filter((v) => v === scale).length
    expect(a.filter((v) => v === 0).length + kept).toBe(n)
    // Binomial(n, 0.8): 5 standard deviations is ~0.0045.
    expect(Math.abs(kept / n - 0.8)).toBeLessThan(0.0045)
    // Neighbouring entries are not correlated (a lag-1 check of the generator).
    let both = 0
    for (let i = 1; i < n; i++) if (a[i] !== 0 && a[i - 1] !== 0) both++
    expect(Math.abs(both / (n - 1) - 0.64)).toBeLessThan(0.006)
    fillDropoutMask(b, 0.2, 54321)
    expect(b).not.toEqual(a)
  })
})

describe('FastDropout layer', () => {
  beforeAll(() => useBackend('cpu'))

  let x: tf.Tensor3D
  beforeAll(() => {
    x = tf.tensor3d(seeded(4 * 6 * 5, 7, 2), [4, 6, 5])
  })

  it('is inverted dropout while training, the identity otherwise, with a mask gradient', () => {
    const layer = new FastDropout({ rate: 0.3 })
    expect(values(layer.apply(x, { training: false }) as tf.Tensor)).toEqual(values(x))
    expect(values(layer.apply(x) as tf.Tensor)).toEqual(values(x))
    const [y, dx] = tf.tidy(() => {
      const f = (t: tf.Tensor): tf.Tensor => layer.apply(t, { training: true }) as tf.Tensor
      // Same Math.random draw for the value and the gradient, so both see one mask.
      const out = withSeed(3, () => f(x))
      const grad = withSeed(3, () => tf.grad((t: tf.Tensor) => f(t).sum())(x))
      return [values(out), values(grad)]
    })
    const xv = values(x)
    let dropped = 0
    for (let i = 0; i < xv.length; i++) {
      if (dx[i] === 0) {
        dropped++
        expect(Math.abs(y[i] ?? NaN)).toBe(0)
      } else {
        expect(dx[i]).toBeCloseTo(1 / 0.7, 6)
        expect(Math.abs((y[i] ?? 0) - (xv[i] ?? 0) / 0.7)).toBeLessThan(1e-6 * 4)
      }
    }
    expect(dropped).toBeGreaterThan(0)
    expect(dropped).toBeLessThan(xv.length)
  })

  it("draws its masks from the run's seeded Math.random", async () => {
    const layer = new FastDropout({ rate: 0.5 })
    const run = (seed: number): Promise<Float32Array> =>
      withSeededMathRandom(seed, async () =>
        tf.tidy(() => values(layer.apply(x, { training: true }) as tf.Tensor))
      )
    const [a, b, c] = [await run(1), await run(1), await run(2)]
    expect(b).toEqual(a)
    expect(c).not.toEqual(a)
  })

  it('saves exactly like the stock model, and a run saved before it loads and predicts the same', async () => {
    const shape = { steps: 12, features: 1 }
    const config = { ...REFERENCE_MODEL, units: 4, layers: 2, dropout: 0.2 }
    const fused = buildModel(config, shape, 'fused')
    const stock = buildModel(config, shape, 'stock')
    expect(fused.layers.filter((l) => l instanceof FastDropout)).toHaveLength(2)
    expect(fused.toJSON(null, false)).toEqual(stock.toJSON(null, false))
    expect(fused.optimizer.getClassName()).toBe('Adam')
    expect(fused.optimizer.getConfig()).toEqual(stock.optimizer.getConfig())

    const saved = await loadModel(join(FIXTURE_RUN, 'model'))
    const onFused = await convertModel(saved, 'fused')
    expect(onFused.layers.some((l) => l instanceof FastDropout)).toBe(true)
    const input = tf.tensor3d(seeded(3 * 12, 11, 1), [3, 12, 1])
    const expected = values(saved.predict(input) as tf.Tensor)
    expect(relError(values(onFused.predict(input) as tf.Tensor), expected)).toBeLessThan(1e-5)
    expect(values(saved.predict(input) as tf.Tensor)).toEqual(expected)
  })
})

function withSeed<T>(seed: number, fn: () => T): T {
  const original = Math.random
  let s = seed
  Math.random = () => (s = (s * 16807) % 2147483647) / 2147483647
  try {
    return fn()
  } finally {
    Math.random = original
  }
}

describe('FusedAdam', () => {
  // The second case makes epsilon matter (gradients near it), so its placement is checked.
  const cases = [
    { backend: 'cpu', epsilon: undefined, gradScale: 3 },
    { backend: 'wasm', epsilon: undefined, gradScale: 3 },
    { backend: 'cpu', epsilon: 1e-2, gradScale: 1e-2 }
  ] as const
  for (const { backend, epsilon, gradScale } of cases) {
    it(`matches tf.train.adam step by step (${backend}, epsilon ${epsilon ?? 'default'})`, async () => {
      await useBackend(backend)
      const shapes = [[7, 12], [12], [3, 4, 5]]
      const init = shapes.map((s, i) => seeded(sizeOf(s), 20 + i))
      const make = (side: string): tf.Variable[] =>
        shapes.map((s, i) => tf.variable(tf.tensor(init[i]!, s), true, `${side}${backend}${i}`))
      const ref = make('ref')
      const mine = make('mine')
      const stockOpt = tf.train.adam(0.01, 0.9, 0.999, epsilon)
      let fusedOpt =
        epsilon === undefined ? fusedAdam(0.01) : new FusedAdam(0.01, 0.9, 0.999, epsilon)
      // What each optimizer moved the weights by, so the check is relative to the updates.
      const moved = (vs: tf.Variable[], i: number): Float32Array =>
        values(vs[i]!).map((w, k) => w - (init[i]![k] ?? 0))
      for (let step = 0; step < 6; step++) {
        if (step === 3) {
          // Mid-run, the fused state goes out through getWeights into a fresh optimizer.
          const state = await fusedOpt.getWeights()
          fusedOpt = new FusedAdam(0.01, 0.9, 0.999, epsilon)
          await fusedOpt.setWeights(state)
        }
        const grads = shapes.map((s, i) =>
          tf.tensor(seeded(sizeOf(s), 100 * step + i, gradScale), s)
        )
        // The list form here; fit's name-map form is covered by the sunspots training test.
        stockOpt.applyGradients(ref.map((v, i) => ({ name: v.name, tensor: grads[i]! })))
        fusedOpt.applyGradients(mine.map((v, i) => ({ name: v.name, tensor: grads[i]! })))
        tf.dispose(grads)
        for (let i = 0; i < shapes.length; i++) {
          expect(relError(moved(mine, i), moved(ref, i))).toBeLessThan(1e-6)
        }
      }
      const [ws, wf] = [await stockOpt.getWeights(), await fusedOpt.getWeights()]
      expect(wf.map((w) => w.name.replace('mine', 'ref'))).toEqual(ws.map((w) => w.name))
      wf.forEach((w, i) => {
        expect(relError(values(w.tensor), values(ws[i]!.tensor))).toBeLessThan(1e-6)
      })
      tf.dispose([...ref, ...mine])
      stockOpt.dispose()
      fusedOpt.dispose()
      await useBackend('cpu')
    })
  }
})

function sizeOf(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1)
}

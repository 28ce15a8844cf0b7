import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { gradFnFor, predictFnFor } from '../../../src/core/engine/explain/model-fns'
import { buildModel } from '../../../src/core/engine/model/build-model'
import {
  hasRelativeTarget,
  setRelativeTarget,
  toNetworkInput
} from '../../../src/core/engine/model/network-input'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'

const T = 5
const F = 2
let model: tf.LayersModel

beforeAll(async () => {
  await testBackend()
  const config = ModelConfigSchema.parse({ layers: 1, units: 3, dropout: 0, seed: 3 })
  model = setRelativeTarget(buildModel(config, { steps: T, features: F, outputs: 2 }), true)
})
afterAll(() => model.dispose())

// Two windows with a rising target level and an unrelated covariate.
const windows = Float32Array.from({ length: 2 * T * F }, (_, i) =>
  i % F === 0 ? 0.5 * Math.floor(i / F) : Math.sin(i)
)

describe('relative target inputs (change models)', () => {
  it('feed the network the target minus the window’s last value, covariates unchanged', async () => {
    expect(hasRelativeTarget(model)).toBe(true)
    const input = toNetworkInput(model, windows, 2, T, F)
    expect(input[(T - 1) * F]).toBe(0)
    expect(input[0]).toBeCloseTo(windows[0]! - windows[(T - 1) * F]!, 6)
    expect(input[1]).toBe(windows[1])
    // By hand, straight into model.predict: output 0 (step 1) of both windows.
    const byHand = Float32Array.from(windows, (v, i) => {
      const w = Math.floor(i / (T * F))
      return i % F === 0 ? v - windows[(w * T + T - 1) * F]! : v
    })
    const direct = tf.tidy(() =>
      (model.predict(tf.tensor3d(byHand, [2, T, F])) as tf.Tensor).arraySync()
    ) as number[][]
    const viaFn = await predictFnFor(model, T, F, 'stock', 0, 0)(windows, 2)
    expect([...viaFn]).toEqual(direct.map((row) => expect.closeTo(row[0]!, 5)))
    // Shifting the whole target column leaves the network's input, and its output, alone.
    const shifted = windows.map((v, i) => (i % F === 0 ? v + 100 : v))
    const again = await predictFnFor(model, T, F, 'stock', 0, 0)(shifted, 2)
    expect([...again]).toEqual([...viaFn].map((v) => expect.closeTo(v, 4)))
  })

  it('pass gradients with respect to the absolute window (finite differences)', async () => {
    const predict = predictFnFor(model, T, F, 'stock', 0.7, 1)
    const grad = await gradFnFor(model, T, F, 0.7, 1)(windows.slice(0, T * F), 1)
    const h = 1e-2
    for (const cell of [0, 3, (T - 1) * F, (T - 1) * F + 1]) {
      const plus = windows.slice(0, T * F)
      const minus = windows.slice(0, T * F)
      plus[cell]! += h
      minus[cell]! -= h
      const [a] = await predict(plus, 1)
      const [b] = await predict(minus, 1)
      expect(grad[cell]).toBeCloseTo((a! - b!) / (2 * h), 2)
    }
  })
})

import { readFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs'
import type { GradFn, PredictFn } from '../../../../src/explain'

export const SUNSPOTS = '/work/shared/datasets/sunspots_yearly.csv'

/** Yearly sunspot numbers, standardised, as windows of `steps` values → next value. */
export function sunspotWindows(steps: number): {
  windows: Float32Array
  targets: Float32Array
  count: number
} {
  const values = readFileSync(SUNSPOTS, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[1]))
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length)
  const z = values.map((v) => (v - mean) / sd)
  const count = z.length - steps
  const windows = new Float32Array(count * steps)
  const targets = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    for (let t = 0; t < steps; t++) windows[i * steps + t] = z[i + t]!
    targets[i] = z[i + steps]!
  }
  return { windows, targets, count }
}

/** LSTM(8) → Dense(1) with seeded initialisers, so the same seed gives the same weights. */
export function buildLstm(steps: number, seed: number): tf.LayersModel {
  const model = tf.sequential()
  model.add(
    tf.layers.lstm({
      units: 8,
      inputShape: [steps, 1],
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
      biasInitializer: 'zeros'
    })
  )
  model.add(
    tf.layers.dense({
      units: 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 })
    })
  )
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' })
  return model
}

export async function trainLstm(
  steps: number,
  seed: number,
  epochs: number
): Promise<tf.LayersModel> {
  await tf.setBackend('cpu')
  const { windows, targets, count } = sunspotWindows(steps)
  const model = buildLstm(steps, seed)
  const xs = tf.tensor3d(windows, [count, steps, 1])
  const ys = tf.tensor2d(targets, [count, 1])
  await model.fit(xs, ys, { epochs, batchSize: 32, shuffle: false, verbose: 0 })
  xs.dispose()
  ys.dispose()
  return model
}

export function predictFnOf(model: tf.LayersModel, steps: number): PredictFn {
  return async (batch, n) =>
    tf.tidy(
      () =>
        (model.predict(tf.tensor3d(batch, [n, steps, 1])) as tf.Tensor).dataSync() as Float32Array
    )
}

/** ∂f/∂x for each window: the outputs are independent, so the gradient of their sum. */
export function gradFnOf(model: tf.LayersModel, steps: number): GradFn {
  const grad = tf.grad((x: tf.Tensor) => (model.apply(x, { training: false }) as tf.Tensor).sum())
  return async (batch, n) =>
    tf.tidy(() => grad(tf.tensor3d(batch, [n, steps, 1])).dataSync() as Float32Array)
}

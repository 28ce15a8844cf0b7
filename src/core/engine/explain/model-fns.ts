import * as tf from '@tensorflow/tfjs'
import type { GradFn, PredictFn } from '../../../explain'
import type { KernelPath } from '../../kernels'
import { outputCount } from '../model/build-model'
import { networkInputTensor } from '../model/network-input'
import { predictAll } from '../model/predict-all'

/** Windows per tfjs gradient call: big enough to amortise dispatch, small enough for memory. */
const CHUNK = 512

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A tfjs model as the explain library's PredictFn (scaled units in, scaled
 * output out). It yields between chunks so a cancel message gets through.
 * A multi-step model has one output per step: `outputIndex` picks the one
 * explained (0-based; absent: the last, step H).
 */
export function predictFnFor(
  model: tf.LayersModel,
  steps: number,
  features: number,
  kernels: KernelPath = 'stock',
  lastValueWeight = 0,
  outputIndex?: number
): PredictFn {
  const size = steps * features
  const outputs = outputCount(model)
  const index = checkedIndex(outputIndex, outputs)
  const raw = predictAll(model, steps, features, kernels)
  const predict: PredictFn =
    outputs === 1
      ? raw
      : async (batch, n) => {
          const all = await raw(batch, n)
          const out = new Float32Array(n)
          for (let i = 0; i < n; i++) out[i] = all[i * outputs + index]!
          return out
        }
  if (lastValueWeight === 0) return predict
  // 'change' models: explain the forecast, last value + predicted change (see OutputMap).
  return async (batch, n) => {
    const out = await predict(batch, n)
    for (let i = 0; i < n; i++)
      out[i]! += lastValueWeight * batch[i * size + (steps - 1) * features]!
    return out
  }
}

/** Every output of the model (n × outputs, scaled), on the run's kernel path. */
export function predictAllFor(
  model: tf.LayersModel,
  steps: number,
  features: number,
  kernels: KernelPath = 'stock'
): PredictFn {
  return predictAll(model, steps, features, kernels)
}

function checkedIndex(index: number | undefined, outputs: number): number {
  if (index === undefined) return outputs - 1
  if (!Number.isInteger(index) || index < 0 || index >= outputs) {
    throw new Error(`output ${index} does not exist: the model has ${outputs}`)
  }
  return index
}

/**
 * d output / d input for each window. Windows are independent, so the gradient
 * of the summed outputs is each window's own gradient. `outputIndex` as in
 * predictFnFor.
 */
export function gradFnFor(
  model: tf.LayersModel,
  steps: number,
  features: number,
  lastValueWeight = 0,
  outputIndex?: number
): GradFn {
  const size = steps * features
  const outputs = outputCount(model)
  const index = checkedIndex(outputIndex, outputs)
  const grad = tf.grad((x: tf.Tensor) => {
    const y = model.apply(networkInputTensor(model, x as tf.Tensor3D), {
      training: false
    }) as tf.Tensor2D
    return (outputs === 1 ? y : y.slice([0, index], [-1, 1])).sum()
  })
  return async (batch, n) => {
    const out = new Float32Array(n * size)
    for (let start = 0; start < n; start += CHUNK) {
      const count = Math.min(CHUNK, n - start)
      const values = tf.tidy(() => {
        const x = tf.tensor3d(batch.subarray(start * size, (start + count) * size), [
          count,
          steps,
          features
        ])
        return grad(x).dataSync()
      })
      out.set(values, start * size)
      await yieldToEventLoop()
    }
    // d/dx of lastValueWeight · x_last is a constant on that one cell.
    if (lastValueWeight !== 0) {
      for (let i = 0; i < n; i++) out[i * size + (steps - 1) * features]! += lastValueWeight
    }
    return out
  }
}

/**
 * Adebayo et al.'s model-randomisation check: the same architecture with every
 * weight redrawn (seeded, keeping each tensor's scale). A faithful explainer's
 * answer must change when the weights do.
 */
export function randomiseWeights(model: tf.LayersModel, seed: number): void {
  const weights = model.getWeights()
  const replaced = weights.map((w, i) =>
    tf.tidy(() => {
      const { variance } = tf.moments(w)
      const std = Math.sqrt(variance.dataSync()[0] ?? 0) || 0.05
      return tf.randomNormal(w.shape, 0, std, 'float32', seed + i)
    })
  )
  model.setWeights(replaced)
  replaced.forEach((t) => t.dispose())
}

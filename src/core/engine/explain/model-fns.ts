import * as tf from '@tensorflow/tfjs'
import type { GradFn, PredictFn } from '../../../explain'
import { fusedPredict, type KernelPath } from '../../kernels'

/** Windows per tfjs call: big enough to amortise dispatch, small enough for memory. */
const CHUNK = 512
/** The fused path is cheap per call; larger chunks still leave room to cancel between them. */
const FUSED_CHUNK = 4096

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * A tfjs model as the explain library's PredictFn (scaled units in, scaled
 * output out). It yields between chunks so a cancel message gets through.
 */
export function predictFnFor(
  model: tf.LayersModel,
  steps: number,
  features: number,
  kernels: KernelPath = 'stock',
  lastValueWeight = 0
): PredictFn {
  const size = steps * features
  const predict = rawPredict(model, steps, features, kernels)
  if (lastValueWeight === 0) return predict
  // 'change' models: explain the forecast, last value + predicted change (see OutputMap).
  return async (batch, n) => {
    const out = await predict(batch, n)
    for (let i = 0; i < n; i++)
      out[i]! += lastValueWeight * batch[i * size + (steps - 1) * features]!
    return out
  }
}

function rawPredict(
  model: tf.LayersModel,
  steps: number,
  features: number,
  kernels: KernelPath
): PredictFn {
  const size = steps * features
  return async (batch, n) => {
    const out = new Float32Array(n)
    const chunk = kernels === 'fused' ? FUSED_CHUNK : CHUNK
    for (let start = 0; start < n; start += chunk) {
      const count = Math.min(chunk, n - start)
      if (kernels === 'fused') {
        // Whole recurrent stack in the wasm kernels, split over the worker threads.
        out.set(
          await fusedPredict(
            model,
            batch.subarray(start * size, (start + count) * size),
            count,
            steps,
            features
          ),
          start
        )
        await yieldToEventLoop()
        continue
      }
      const values = tf.tidy(() => {
        const x = tf.tensor3d(batch.subarray(start * size, (start + count) * size), [
          count,
          steps,
          features
        ])
        return (model.predict(x) as tf.Tensor).dataSync()
      })
      out.set(values, start)
      await yieldToEventLoop()
    }
    return out
  }
}

/**
 * d output / d input for each window. Windows are independent, so the gradient
 * of the summed outputs is each window's own gradient.
 */
export function gradFnFor(
  model: tf.LayersModel,
  steps: number,
  features: number,
  lastValueWeight = 0
): GradFn {
  const size = steps * features
  const grad = tf.grad((x: tf.Tensor) => (model.apply(x, { training: false }) as tf.Tensor).sum())
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

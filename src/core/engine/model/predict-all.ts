// Every output of a model for many windows (scaled units in and out), on the run's kernel
// path: the recurrent stack straight through the wasm kernels on the fused path (fusedPredict),
// model.predict in chunks otherwise. Training's validation loss, the test evaluation, forecasts
// and the explainers all predict through here.
import * as tf from '@tensorflow/tfjs'
import type { PredictFn } from '../../../explain'
import { fusedPredict, type KernelPath } from '../../kernels'
import { outputCount } from './build-model'
import { toNetworkInput } from './network-input'

/** Windows per tfjs call: big enough to amortise dispatch, small enough for memory. */
const CHUNK = 512
/** The fused path is cheap per call; larger chunks still leave room to cancel between them. */
const FUSED_CHUNK = 4096

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** n × outputs for n windows packed row-major; yields between chunks (cancel gets through). */
export function predictAll(
  model: tf.LayersModel,
  steps: number,
  features: number,
  kernels: KernelPath
): PredictFn {
  const size = steps * features
  const outputs = outputCount(model)
  return async (batch, n) => {
    const out = new Float32Array(n * outputs)
    const chunk = kernels === 'fused' ? FUSED_CHUNK : CHUNK
    for (let start = 0; start < n; start += chunk) {
      const count = Math.min(chunk, n - start)
      const input = toNetworkInput(
        model,
        batch.subarray(start * size, (start + count) * size),
        count,
        steps,
        features
      )
      if (kernels === 'fused') {
        // Whole recurrent stack in the wasm kernels, split over the worker threads.
        out.set(await fusedPredict(model, input, count, steps, features), start * outputs)
        await yieldToEventLoop()
        continue
      }
      const values = tf.tidy(() => {
        const x = tf.tensor3d(input, [count, steps, features])
        return (model.predict(x) as tf.Tensor).dataSync()
      })
      out.set(values, start * outputs)
      await yieldToEventLoop()
    }
    return out
  }
}

/**
 * Explanations on the reference model (3 × LSTM(50), T = 60, F = 1), fused kernels on two
 * threads, before and after the batched predict path, back to back in one run:
 * - one KernelSHAP explanation (time level, 2,048 coalitions + anchors, bootstrap 50);
 * - importance by lag over 20 windows (KernelSHAP, time and feature level, mean baseline).
 * "before" is what the engine did until the stack kernel: model.predict through the fused
 * layers in 4,096-window calls, one window after another.
 */
import * as tf from '@tensorflow/tfjs'
import { buildModel } from '../src/core/engine/model/build-model'
import { predictFnFor } from '../src/core/engine/explain/model-fns'
import { initKernels } from '../src/core/kernels'
import {
  createRng,
  explain,
  globalImportance,
  meanBaseline,
  type PredictFn,
  type WindowShape
} from '../src/explain'
import { REFERENCE_MODEL } from '../src/shared/model-config'
import { useBackend } from './backend'
import { benchExplain } from './explain'

const T = 60
const shape: WindowShape = { steps: T, features: 1 }

export interface ExplainBench {
  readonly kernelShapBefore: number
  readonly kernelShapAfter: number
  readonly importanceBefore: number
  readonly importanceAfter: number
  readonly importanceWindows: number
  readonly modelWindows: number
}

/** The engine's explain predict before the stack kernel: model.predict, 4,096 windows a call. */
function modelPredictFn(model: tf.LayersModel): PredictFn {
  return async (batch, n) => {
    const out = new Float32Array(n)
    for (let start = 0; start < n; start += 4096) {
      const count = Math.min(4096, n - start)
      const values = tf.tidy(() => {
        const x = tf.tensor3d(batch.subarray(start * T, (start + count) * T), [count, T, 1])
        return (model.predict(x) as tf.Tensor).dataSync()
      })
      out.set(values, start)
      await new Promise((resolve) => setImmediate(resolve))
    }
    return out
  }
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return (performance.now() - t0) / 1000
}

export async function benchExplainBatch(quick: boolean): Promise<ExplainBench> {
  await useBackend('wasm')
  await initKernels()
  const model = buildModel(REFERENCE_MODEL, shape, 'fused')
  const rng = createRng(7)
  // A smooth series, so windows look like data (timing does not depend on the values).
  const series = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 9) + 0.2 * rng.normal())
  const trainCount = 400
  const train = new Float32Array(trainCount * T)
  for (let i = 0; i < trainCount; i++) train.set(series.subarray(i * 5, i * 5 + T), i * T)
  const count = 20
  const windows = new Float32Array(count * T)
  for (let i = 0; i < count; i++)
    windows.set(series.subarray(3000 + i * 7, 3000 + i * 7 + T), i * T)
  const baseline = meanBaseline(train, trainCount, shape)
  const before = modelPredictFn(model)
  const after = predictFnFor(model, T, 1, 'fused')
  const reps = quick ? 1 : 3
  const shap = async (predict: PredictFn): Promise<number> => {
    const rows = await benchExplain(predict, {
      window: windows.subarray(0, T),
      baseline,
      bootstraps: [50],
      repeats: reps
    })
    return rows[0]!.seconds
  }
  const kernelShapBefore = await shap(before)
  const kernelShapAfter = await shap(after)
  const request = { method: 'kernelshap' as const, windows, count, shape, baseline, seed: 42 }
  // Before: one window after another, each level in turn (what globalImportance did).
  const oneByOne = async (): Promise<void> => {
    for (const level of ['time', 'feature'] as const) {
      for (let i = 0; i < count; i++) {
        const window = windows.slice(i * T, (i + 1) * T)
        await explain({ method: 'kernelshap', level, window, shape, baseline, seed: 42 }, before)
      }
    }
  }
  await oneByOne() // warm-up
  const importanceBefore = await seconds(oneByOne)
  let modelWindows = 0
  const run = async (): Promise<void> => {
    modelWindows = (await globalImportance(request, after)).modelCalls
  }
  await run()
  const importanceAfter = await seconds(run)
  model.dispose()
  return {
    kernelShapBefore,
    kernelShapAfter,
    importanceBefore,
    importanceAfter,
    importanceWindows: count,
    modelWindows
  }
}

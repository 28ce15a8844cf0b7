/**
 * One LSTM workload timed in this process, the way bench/torch_lstm.py times PyTorch: L × LSTM(U)
 * each followed by Dropout(0.2), then Dense(1); Adam(1e-3), MSE; one warm-up, then the median
 * of `reps` epochs (or predict calls). Each epoch runs the app's training loop (app-epoch.ts). Wall and process CPU time (all threads) both recorded:
 * CPU time is steadier on a shared machine.
 */
import * as tf from '@tensorflow/tfjs'
import {
  createAdam,
  createDropoutLayer,
  createRecurrentLayer,
  fusedPredict,
  type KernelPath
} from '../src/core/kernels'
import { appEpoch } from './app-epoch'
import { useBackend } from './backend'

export interface Workload {
  readonly units: number
  readonly features: number
  readonly steps: number
  readonly batch: number
  readonly layers: number
  readonly windows: number
}

export const REFERENCE: Workload = {
  units: 50,
  features: 1,
  steps: 60,
  batch: 32,
  layers: 3,
  windows: 1024
}

export interface WorkloadOptions {
  readonly backend: 'wasm' | 'cpu'
  readonly path: KernelPath
  readonly reps: number
  /** Train on this many windows and scale the epoch to `windows` (stock: its epochs are long). */
  readonly trainSamples?: number
  /** 'fused': fusedPredict (the explainers' path); 'model': model.predict in `predictBatch`es. */
  readonly predict: 'fused' | 'model'
  readonly predictBatch?: number
}

export interface WorkloadTimes {
  readonly trainSeconds: number
  readonly trainCpuSeconds: number
  /** Predict all `windows` windows. */
  readonly predictSeconds: number
  readonly predictCpuSeconds: number
  readonly trainMeasured: string
  /** Which step the app's loop took: the fused train step, or trainOnBatch and why. */
  readonly trainStep: string
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

function buildModel(w: Workload, path: KernelPath): tf.LayersModel {
  const model = tf.sequential()
  for (let i = 0; i < w.layers; i++) {
    const args = {
      units: w.units,
      returnSequences: i < w.layers - 1,
      ...(i === 0 ? { inputShape: [w.steps, w.features] as [number, number] } : {})
    }
    model.add(createRecurrentLayer('lstm', args, path))
    model.add(createDropoutLayer(0.2, path))
  }
  model.add(tf.layers.dense({ units: 1 }))
  model.compile({ optimizer: createAdam(1e-3, path), loss: 'meanSquaredError' })
  return model
}

/** Wall and CPU seconds of fn, medians over reps after one warm-up. */
async function timed(reps: number, fn: () => Promise<void>): Promise<[number, number]> {
  await fn()
  const walls: number[] = []
  const cpus: number[] = []
  for (let r = 0; r < reps; r++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    await fn()
    walls.push((performance.now() - t0) / 1000)
    const c = process.cpuUsage(c0)
    cpus.push((c.user + c.system) / 1e6)
  }
  return [median(walls), median(cpus)]
}

export async function runWorkload(w: Workload, o: WorkloadOptions): Promise<WorkloadTimes> {
  await useBackend(o.backend)
  const model = buildModel(w, o.path)
  const samples = o.trainSamples ?? w.windows
  const x = tf.randomNormal([w.windows, w.steps, w.features], 0, 1, 'float32', 1) as tf.Tensor3D
  const y = tf.randomNormal([w.windows, 1], 0, 1, 'float32', 2) as tf.Tensor2D
  const host = x.dataSync() as Float32Array
  const data = {
    x: host.subarray(0, samples * w.steps * w.features),
    y: (y.dataSync() as Float32Array).subarray(0, samples),
    n: samples,
    steps: w.steps,
    features: w.features,
    outputs: 1
  }
  const scale = w.windows / samples
  let trainStep = ''
  let seed = 1
  const [train, trainCpu] = await timed(o.reps, async () => {
    trainStep = await appEpoch(model, data, w.batch, seed++)
  })
  const [predict, predictCpu] = await timed(o.reps, async () => {
    if (o.predict === 'fused') {
      await fusedPredict(model, host, w.windows, w.steps, w.features)
      return
    }
    const out = model.predict(x, { batchSize: o.predictBatch ?? 1024 }) as tf.Tensor
    await out.data()
    out.dispose()
  })
  tf.dispose([x, y])
  model.dispose()
  return {
    trainSeconds: train * scale,
    trainCpuSeconds: trainCpu * scale,
    predictSeconds: predict,
    predictCpuSeconds: predictCpu,
    trainStep,
    trainMeasured:
      scale === 1
        ? `median of ${o.reps} epochs`
        : `${samples / w.batch} batches x ${scale} (extrapolated), median of ${o.reps}`
  }
}

/**
 * Training and prediction throughput of the reference model on the backend
 * the app would pick here: T=60, F=1, batch 32, 1,024 windows of a real series.
 */
import { resolve } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { readCsv } from '../src/core/engine/data/csv-reader'
import { prepareData, type WindowSet } from '../src/core/engine/data/prepare'
import { initBackend } from '../src/core/engine/init-backend'
import { buildModel } from '../src/core/engine/model/build-model'
import { fitModel, predictWindows } from '../src/core/engine/train/fit'
import { DataConfigSchema } from '../src/shared/data-config'
import { REFERENCE_MODEL } from '../src/shared/model-config'

export interface BenchRow {
  bench: string
  backend: string
  value: number
  unit: string
  note: string
}

const WINDOWS = 1024

export async function benchTraining(epochs = 1): Promise<BenchRow[]> {
  const backend = await initBackend()
  const table = await readCsv(resolve(__dirname, '../resources/samples/co2_mauna_loa_monthly.csv'))
  const weather = await readCsv(
    resolve(__dirname, '../../shared/datasets/seattle_weather_daily.csv')
  ).catch(() => table)
  const target = weather === table ? 'co2' : 'temp_max'
  const data = prepareData(
    weather,
    DataConfigSchema.parse({
      target,
      window: 60,
      horizon: 1,
      split: { train: 0.9, validation: 0.05, test: 0.05 },
      missing: 'interpolate'
    })
  )
  const train = take(data.train, WINDOWS, 60)
  const model = buildModel({ ...REFERENCE_MODEL, epochs }, data, backend.kernels.path)
  const empty: WindowSet = {
    n: 0,
    x: new Float32Array(0),
    y: new Float32Array(0),
    outputs: 1,
    targetRows: new Int32Array(0)
  }
  // One warm-up batch so kernel compilation is not timed.
  await model.trainOnBatch(tf.zeros([32, 60, 1]), tf.zeros([32, 1]))
  const fit = await fitModel(
    model,
    { train, validation: empty, steps: 60, features: 1 },
    { ...REFERENCE_MODEL, epochs }
  )
  await predictWindows(model, train.x, 32, 60, 1)
  const t0 = performance.now()
  await predictWindows(model, train.x, train.n, 60, 1)
  const predictSeconds = (performance.now() - t0) / 1000
  model.dispose()
  const note = `reference model, ${train.n} windows (${target}), T=60, F=1, batch 32, kernels: ${backend.kernels.path}`
  return [
    { bench: 'train', backend: backend.name, value: fit.seconds / epochs, unit: 's/epoch', note },
    { bench: 'train', backend: backend.name, value: fit.windowsPerSecond, unit: 'windows/s', note },
    {
      bench: 'predict',
      backend: backend.name,
      value: predictSeconds,
      unit: `s/${train.n} windows`,
      note
    },
    {
      bench: 'predict',
      backend: backend.name,
      value: train.n / predictSeconds,
      unit: 'windows/s',
      note
    }
  ]
}

/** The first n windows of a set (the benches time a fixed number of windows). */
export function take(set: WindowSet, n: number, size: number): WindowSet {
  const count = Math.min(n, set.n)
  return {
    n: count,
    x: set.x.slice(0, count * size),
    y: set.y.slice(0, count * set.outputs),
    outputs: set.outputs,
    targetRows: set.targetRows.slice(0, count)
  }
}

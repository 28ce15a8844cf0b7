/**
 * Issue #10's speed claim: a 26-step multi-step model (Dense(26) output) on
 * the reference architecture trains no slower per epoch than a single-step
 * one. Both train on the same 1,024 windows (T=60, F=1, batch 32) in one run,
 * so the ratio compares like with like on this machine.
 */
import { resolve } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { readCsv } from '../src/core/engine/data/csv-reader'
import { prepareData, type WindowSet } from '../src/core/engine/data/prepare'
import { initBackend } from '../src/core/engine/init-backend'
import { buildModel } from '../src/core/engine/model/build-model'
import { fitModel } from '../src/core/engine/train/fit'
import { DataConfigSchema } from '../src/shared/data-config'
import { REFERENCE_MODEL } from '../src/shared/model-config'
import { take } from './training'
import type { BenchRow } from './training'

const WINDOWS = 1024
const STEPS = 26

export async function benchMultiStep(epochs = 2): Promise<BenchRow[]> {
  const backend = await initBackend()
  const table = await readCsv(resolve(__dirname, '../../shared/datasets/seattle_weather_daily.csv'))
  const config = {
    ...REFERENCE_MODEL,
    epochs,
    earlyStopping: { ...REFERENCE_MODEL.earlyStopping, enabled: false }
  }
  const perEpoch = async (multiStep: boolean): Promise<number> => {
    const data = prepareData(
      table,
      DataConfigSchema.parse({
        target: 'temp_max',
        window: 60,
        horizon: STEPS,
        multiStep,
        targetMode: 'level',
        split: { train: 0.9, validation: 0.05, test: 0.05 },
        missing: 'interpolate'
      })
    )
    const train = take(data.train, WINDOWS, 60)
    const empty: WindowSet = {
      n: 0,
      x: new Float32Array(0),
      y: new Float32Array(0),
      outputs: train.outputs,
      targetRows: new Int32Array(0)
    }
    const model = buildModel(config, data, backend.kernels.path)
    // One warm-up batch so kernel compilation is not timed.
    await model.trainOnBatch(tf.zeros([32, 60, 1]), tf.zeros([32, train.outputs]))
    const fit = await fitModel(model, { train, validation: empty, steps: 60, features: 1 }, config)
    model.dispose()
    return fit.seconds / epochs
  }
  const single = await perEpoch(false)
  const multi = await perEpoch(true)
  const note = `reference model, ${WINDOWS} windows, T=60, F=1, batch 32, ${epochs} epochs each, kernels: ${backend.kernels.path}`
  return [
    {
      bench: 'train single-step (Dense 1)',
      backend: backend.name,
      value: single,
      unit: 's/epoch',
      note
    },
    {
      bench: `train multi-step (Dense ${STEPS})`,
      backend: backend.name,
      value: multi,
      unit: 's/epoch',
      note
    },
    {
      bench: 'multi-step / single-step',
      backend: backend.name,
      value: multi / single,
      unit: '× per epoch',
      note
    }
  ]
}

/**
 * One training epoch through the app's own loop (fitModel in src/core/engine/train/fit.ts): its
 * seeded shuffle, its per-batch yield to the event loop, and its choice of step — the whole
 * step in the kernels (fusedTrainStep) where the model allows it, model.trainOnBatch
 * otherwise. The bench times what a user's training run does, not model.fit.
 */
import type * as tf from '@tensorflow/tfjs'
import type { WindowSet } from '../src/core/engine/data/prepare'
import { fitModel } from '../src/core/engine/train/fit'
import { fusedTrainStep } from '../src/core/kernels'
import { REFERENCE_MODEL, type ModelConfig } from '../src/shared/model-config'

export interface EpochData {
  readonly x: Float32Array
  readonly y: Float32Array
  readonly n: number
  readonly steps: number
  readonly features: number
  readonly outputs: number
}

export function windowSet(d: EpochData): WindowSet {
  return { n: d.n, x: d.x, y: d.y, outputs: d.outputs, targetRows: new Int32Array(d.n) }
}

/** Trains one epoch; returns which step the loop took (and why not the fused one). */
export async function appEpoch(
  model: tf.LayersModel,
  data: EpochData,
  batchSize: number,
  seed = 1
): Promise<string> {
  const config: ModelConfig = {
    ...REFERENCE_MODEL,
    epochs: 1,
    batchSize,
    seed,
    earlyStopping: { ...REFERENCE_MODEL.earlyStopping, enabled: false }
  }
  const empty: EpochData = { ...data, n: 0, x: new Float32Array(0), y: new Float32Array(0) }
  await fitModel(
    model,
    {
      train: windowSet(data),
      validation: windowSet(empty),
      steps: data.steps,
      features: data.features
    },
    config
  )
  const step = fusedTrainStep(model)
  return typeof step === 'string' ? `trainOnBatch (${step})` : 'fused train step'
}

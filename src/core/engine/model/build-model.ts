import * as tf from '@tensorflow/tfjs'
import type { ModelConfig } from '../../../shared/model-config'
import {
  createAdam,
  createDropoutLayer,
  FusedGRU,
  FusedLSTM,
  kernelPathOf,
  type KernelPath
} from '../../kernels'

export interface InputShape {
  readonly steps: number
  readonly features: number
  /** Forecast steps the model predicts at once (Dense units); 1 when absent. */
  readonly outputs?: number
}

/**
 * The recurrent forecaster: `layers` recurrent layers (all but the last return
 * sequences), each followed by Dropout, then Dense(outputs): one unit per
 * forecast step, 1 for a single-step model; MSE and Adam. With the
 * defaults this is the reference model. Keras' current cell defaults are used:
 * sigmoid recurrent activation (tf.layers still defaults to hardSigmoid) and
 * seeded Glorot/orthogonal initialisers, so the same seed builds the same model.
 */
export function buildModel(
  config: ModelConfig,
  shape: InputShape,
  kernels: KernelPath = 'stock'
): tf.Sequential {
  const model = tf.sequential({ name: `hindsight_${config.cell}` })
  const seed = config.seed
  for (let i = 0; i < config.layers; i++) {
    const common = {
      units: config.units,
      returnSequences: i < config.layers - 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 11 * i + 1 }),
      recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 11 * i + 2 }),
      name: `${config.cell}_${i + 1}`,
      ...(i === 0 ? { inputShape: [shape.steps, shape.features] } : {})
    }
    model.add(recurrentLayer(config.cell, common, kernels))
    if (config.dropout > 0) {
      model.add(createDropoutLayer(config.dropout, kernels, `dropout_${i + 1}`))
    }
  }
  model.add(
    tf.layers.dense({
      units: shape.outputs ?? 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 997 }),
      name: 'forecast'
    })
  )
  compileModel(model, config.learningRate)
  return model
}

/** Units of the model's output: the forecast steps it predicts per window. */
export function outputCount(model: tf.LayersModel): number {
  const shape = model.outputs[0]!.shape
  return shape[shape.length - 1] ?? 1
}

export function compileModel(model: tf.LayersModel, learningRate: number): void {
  model.compile({
    optimizer: createAdam(learningRate, kernelPathOf(model)),
    loss: 'meanSquaredError'
  })
}

type RecurrentArgs = Parameters<typeof tf.layers.lstm>[0]

/**
 * LSTM and GRU on the fused path are the kernels' subclasses of the stock
 * layers: same weights, config and class name, so the saved model is an
 * ordinary tfjs model either way.
 */
function recurrentLayer(
  cell: ModelConfig['cell'],
  args: RecurrentArgs,
  kernels: KernelPath
): tf.layers.Layer {
  const fused = kernels === 'fused'
  switch (cell) {
    case 'lstm': {
      const a = { ...args, recurrentActivation: 'sigmoid' as const }
      return fused ? new FusedLSTM(a) : tf.layers.lstm(a)
    }
    case 'gru': {
      const a = { ...args, recurrentActivation: 'sigmoid' as const }
      return fused ? new FusedGRU(a) : tf.layers.gru(a)
    }
    case 'rnn':
      return tf.layers.simpleRNN(args)
    default:
      throw new Error(`Unknown cell type: ${String(cell)}`)
  }
}

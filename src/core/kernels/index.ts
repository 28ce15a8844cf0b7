// Public surface of the fused recurrent kernels (see README in this folder's parent issue):
// layer factory, backend choice, lifecycle and the batched predict path for explanations.
import * as tf from '@tensorflow/tfjs'
import {
  FusedGRU,
  FusedLSTM,
  withRecurrentClasses,
  type GRUArgs,
  type LSTMArgs
} from './fused-layers'
import type { KernelPath } from './kernel-path'
import { FastDropout } from './fast-dropout'
import { fusedAdam } from './fused-adam'
import { loadRuntime } from './runtime'
import { startThreads, stopThreads } from './threads'

export { fusedPredict, predictPath, type FusedPredictOptions } from './predict'
export { sequenceStats } from './sequence'
export { threadCount } from './threads'
export { resolveKernelPath, type KernelPath, type KernelPathChoice } from './kernel-path'
export { FusedGRU, FusedLSTM }
export { FastDropout }
export { FusedAdam, fusedAdam, isFusedAdam } from './fused-adam'
export { planTrainStep } from './train-plan'
export { fusedTrainStep, type TrainStep } from './train-step'

export interface RecurrentLayerArgs {
  units: number
  returnSequences: boolean
  inputShape?: [number, number]
  dropout?: number
  recurrentDropout?: number
  name?: string
}

/**
 * tf.layers.lstm / gru (recurrentActivation sigmoid, activation tanh) on the stock path, or
 * the fused layer with the same weights, config and className on the fused path.
 */
export function createRecurrentLayer(
  cell: 'lstm' | 'gru',
  args: RecurrentLayerArgs,
  path: KernelPath
): tf.layers.Layer {
  const base: LSTMArgs & GRUArgs = {
    units: args.units,
    returnSequences: args.returnSequences,
    activation: 'tanh',
    recurrentActivation: 'sigmoid'
  }
  if (args.inputShape) base.inputShape = args.inputShape
  if (args.dropout !== undefined) base.dropout = args.dropout
  if (args.recurrentDropout !== undefined) base.recurrentDropout = args.recurrentDropout
  if (args.name !== undefined) base.name = args.name
  if (cell === 'lstm') return path === 'fused' ? new FusedLSTM(base) : tf.layers.lstm(base)
  return path === 'fused' ? new FusedGRU(base) : tf.layers.gru(base)
}

/** Stock Dropout on the stock path; the fast-mask Dropout (same className, config) on fused. */
export function createDropoutLayer(rate: number, path: KernelPath, name?: string): tf.layers.Layer {
  const args = name === undefined ? { rate } : { rate, name }
  return path === 'fused' ? new FastDropout(args) : tf.layers.dropout(args)
}

/** 'fused' when any of the model's recurrent layers is a fused one (its optimizer goes fused too). */
export function kernelPathOf(model: tf.LayersModel): KernelPath {
  return model.layers.some((l) => l instanceof FusedLSTM || l instanceof FusedGRU)
    ? 'fused'
    : 'stock'
}

/** tf.train.adam on the stock path; the same Adam as one typed-array pass on the fused path. */
export function createAdam(learningRate: number, path: KernelPath): tf.Optimizer {
  return path === 'fused' ? fusedAdam(learningRate) : tf.train.adam(learningRate)
}

/**
 * Rebuilds a model (same topology and weights) with its LSTM / GRU layers on the given path,
 * e.g. a model loaded with tf.loadLayersModel (stock layers) for fused training or predict.
 */
export async function convertModel(
  model: tf.LayersModel,
  path: KernelPath
): Promise<tf.LayersModel> {
  const topology = model.toJSON(null, false) as tf.io.ModelJSON['modelTopology']
  const converted = await withRecurrentClasses(path === 'fused', () =>
    tf.models.modelFromJSON({ modelTopology: topology })
  )
  converted.setWeights(model.getWeights())
  return converted
}

/**
 * Disposes a model and the optimizer it was compiled with: model.dispose() keeps an optimizer
 * passed to compile() as an instance, and the fused Adam holds its moments in kernel memory.
 */
export function disposeModel(model: tf.LayersModel): void {
  ;(model as unknown as { optimizer_?: tf.Optimizer }).optimizer_?.dispose()
  model.dispose()
}

let initialized: Promise<void> | null = null

/** Compiles the wasm module and starts the worker threads; idempotent. */
export function initKernels(): Promise<void> {
  initialized ??= (async () => {
    const rt = loadRuntime()
    await startThreads(rt)
  })()
  return initialized
}

/** Stops the worker threads (the compiled module stays cached). */
export async function disposeKernels(): Promise<void> {
  const pending = initialized
  initialized = null
  if (pending) await pending.catch(() => undefined)
  await stopThreads()
}

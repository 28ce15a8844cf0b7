// Batched inference for explanations: runs the recurrent layers of a model straight through
// the wasm kernels (no tfjs tensors in between, big batches split over the worker threads),
// then the remaining layers (Dropout, Dense, ...) through tfjs.
import * as tf from '@tensorflow/tfjs'
import { forwardSequence, type CellKind } from './sequence'
import { lastStep } from './fused-op'
import { stackPredict, type StackLayer } from './stack-predict'

interface RecurrentView {
  readonly kind: CellKind
  readonly units: number
  readonly returnSequences: boolean
  readonly kernel: Float32Array
  readonly recurrent: Float32Array
  readonly bias: Float32Array | null
}

/** Rows per kernel call: bounds the wasm memory (gates are nb * nt * 4U floats). */
const CHUNK = 512

function recurrentView(layer: tf.layers.Layer): RecurrentView | null {
  const className = layer.getClassName()
  if (className !== 'LSTM' && className !== 'GRU') return null
  const config = layer.getConfig()
  if (config['activation'] !== 'tanh' || config['recurrentActivation'] !== 'sigmoid') return null
  if (config['stateful'] === true || config['goBackwards'] === true) return null
  if (config['returnState'] === true) return null
  const weights = layer.getWeights()
  const [kernel, recurrent, bias] = weights.map((w) => w.dataSync() as Float32Array)
  if (!kernel || !recurrent) return null
  return {
    kind: className === 'LSTM' ? 'lstm' : 'gru',
    units: Number(config['units']),
    returnSequences: config['returnSequences'] === true,
    kernel,
    recurrent,
    bias: bias ?? null
  }
}

/** True when the model is a plain chain (each layer fed by the one before it). */
function isChain(model: tf.LayersModel): boolean {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return false
  let prev: tf.layers.Layer | null = null
  for (const layer of model.layers) {
    const nodes = layer.inboundNodes
    if (nodes.length !== 1) return false
    const inbound = nodes[0]?.inboundLayers ?? []
    // A Sequential's first layer is fed by its InputLayer, which model.layers leaves out.
    const first = inbound.length === 0 || inbound[0]?.getClassName() === 'InputLayer'
    if (prev === null ? !first : inbound.length !== 1 || inbound[0] !== prev) return false
    prev = layer
  }
  return true
}

/**
 * The model's leading LSTM layers (Dropout between them is identity in inference) when they form
 * a stack the prefix-sharing kernel runs: every one returns sequences but the last. `next` is
 * the index of the first layer after the stack.
 */
function leadingStack(
  model: tf.LayersModel,
  views: Map<tf.layers.Layer, RecurrentView | null>
): { layers: StackLayer[]; next: number } | null {
  const layers: StackLayer[] = []
  let lastReturns = true
  let i = 0
  for (; i < model.layers.length; i++) {
    const layer = model.layers[i]!
    const className = layer.getClassName()
    if (className === 'InputLayer' || className === 'Dropout') continue
    const view = views.get(layer)
    if (!view || view.kind !== 'lstm') break
    layers.push(view)
    lastReturns = view.returnSequences
    if (!view.returnSequences) {
      i++
      break
    }
  }
  if (layers.length === 0 || lastReturns) return null
  return { layers, next: i }
}

/** Applies model.layers[from..] to data of the given shape through tfjs. */
async function applyRest(
  model: tf.LayersModel,
  from: number,
  input: Float32Array,
  inputShape: number[]
): Promise<Float32Array> {
  let data = input
  let shape = inputShape
  for (const layer of model.layers.slice(from)) {
    const className = layer.getClassName()
    if (className === 'InputLayer' || className === 'Dropout') continue
    const x = data
    const s = shape
    const out = tf.tidy(() => layer.apply(tf.tensor(x, s), { training: false }) as tf.Tensor)
    data = (await out.data()) as Float32Array
    shape = out.shape
    out.dispose()
  }
  return data
}

export interface FusedPredictOptions {
  /** False: layer by layer, no shared prefixes (the path before the stack kernel; for the bench). */
  readonly prefixSharing?: boolean
}

/**
 * How fusedPredict runs a model: 'stack' (its leading LSTM layers in the prefix-sharing stack
 * kernel), 'layers' (each recurrent layer through the sequence kernels), 'model' (model.predict:
 * the model is not a plain chain).
 */
export function predictPath(
  model: tf.LayersModel,
  options: FusedPredictOptions = {}
): 'stack' | 'layers' | 'model' {
  if (!isChain(model)) return 'model'
  if (options.prefixSharing === false) return 'layers'
  const views = new Map<tf.layers.Layer, RecurrentView | null>()
  for (const layer of model.layers) views.set(layer, recurrentView(layer))
  return leadingStack(model, views) ? 'stack' : 'layers'
}

/**
 * Predicts n windows of shape [steps, features] packed row-major in batch. Returns the model
 * output flattened ([n, ...outputShape]). Models that are not a plain chain fall back to
 * model.predict.
 */
export async function fusedPredict(
  model: tf.LayersModel,
  batch: Float32Array,
  n: number,
  steps: number,
  features: number,
  options: FusedPredictOptions = {}
): Promise<Float32Array> {
  if (batch.length !== n * steps * features) {
    throw new Error(`batch has ${batch.length} values, expected ${n} x ${steps} x ${features}`)
  }
  if (predictPath(model, options) === 'model') {
    const out = tf.tidy(() => model.predict(tf.tensor3d(batch, [n, steps, features])) as tf.Tensor)
    const values = (await out.data()) as Float32Array
    out.dispose()
    return values
  }
  const views = new Map<tf.layers.Layer, RecurrentView | null>()
  for (const layer of model.layers) views.set(layer, recurrentView(layer))
  const stack = options.prefixSharing === false ? null : leadingStack(model, views)
  if (stack) {
    // All windows in one call: the more of them, the more prefixes they share.
    const hidden = stackPredict(stack.layers, batch, n, steps, features)
    const units = stack.layers.at(-1)!.units
    return Float32Array.from(await applyRest(model, stack.next, hidden, [n, units]))
  }
  const parts: Float32Array[] = []
  for (let start = 0; start < n; start += CHUNK) {
    const nb = Math.min(CHUNK, n - start)
    let data = batch.subarray(start * steps * features, (start + nb) * steps * features)
    let shape = [nb, steps, features]
    for (const layer of model.layers) {
      const className = layer.getClassName()
      if (className === 'InputLayer' || className === 'Dropout') continue
      const view = views.get(layer)
      const [, nt = 0, nf = 0] = shape
      if (view && shape.length === 3) {
        const seq = { nb, nt, nf, nu: view.units }
        const state = forwardSequence(view.kind, seq, data, view, null, false)
        data = view.returnSequences ? state.hs : lastStep(state.hs, seq)
        shape = view.returnSequences ? [nb, nt, view.units] : [nb, view.units]
        continue
      }
      const input = data
      const inShape = shape
      const out = tf.tidy(() => {
        const y = layer.apply(tf.tensor(input, inShape), { training: false }) as tf.Tensor
        return y
      })
      data = (await out.data()) as Float32Array
      shape = out.shape
      out.dispose()
    }
    parts.push(Float32Array.from(data))
  }
  const total = parts.reduce((s, p) => s + p.length, 0)
  const out = new Float32Array(total)
  let offset = 0
  for (const p of parts) {
    out.set(p, offset)
    offset += p.length
  }
  return out
}

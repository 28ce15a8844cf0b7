// Fused LSTM / GRU layers: subclasses of the stock tf.layers.lstm / gru classes that only
// replace call(). Weights (names, shapes, order, initializers), config and className ('LSTM',
// 'GRU') are the stock ones, so models save, load and train exactly like stock models; the
// forward and backward passes run as single wasm kernels (fused-op.ts). Anything the kernels
// do not cover (masks, initial or returned states, stateful, goBackwards, activations other
// than tanh / sigmoid) falls back to the stock implementation.
import * as tf from '@tensorflow/tfjs'
import { FastDropout } from './fast-dropout'
import { fusedRecurrent } from './fused-op'
import { runtimeError } from './runtime'
import type { CellKind } from './sequence'

type StockLSTM = ReturnType<typeof tf.layers.lstm>
type StockGRU = ReturnType<typeof tf.layers.gru>
export type LSTMArgs = Parameters<typeof tf.layers.lstm>[0]
export type GRUArgs = Parameters<typeof tf.layers.gru>[0]
type Kwargs = Parameters<StockLSTM['call']>[1]

/** The LSTMCell / GRUCell members the fused path reads. */
interface CellView {
  readonly kernel: tf.LayerVariable
  readonly recurrentKernel: tf.LayerVariable
  readonly bias: tf.LayerVariable | null
  readonly useBias: boolean
  readonly dropout: number
  readonly recurrentDropout: number
  readonly units: number
}

function stockClass<T>(className: string): new (args: never) => T {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className]
  if (!entry) throw new Error(`tfjs-layers has no registered ${className} class`)
  return entry[0] as unknown as new (args: never) => T
}

const StockLSTMClass = stockClass<StockLSTM>('LSTM') as new (args: LSTMArgs) => StockLSTM
const StockGRUClass = stockClass<StockGRU>('GRU') as new (args: GRUArgs) => StockGRU

interface FusedHost {
  readonly cell: unknown
  readonly stateful: boolean
  readonly goBackwards: boolean
  readonly returnState: boolean
  readonly returnSequences: boolean
  getConfig(): tf.serialization.ConfigDict
}

/** Why this call cannot be fused, or null when it can. */
function unsupported(
  host: FusedHost,
  inputs: tf.Tensor | tf.Tensor[],
  kwargs: Kwargs
): string | null {
  const x = Array.isArray(inputs) ? inputs : [inputs]
  if (x.length !== 1) return 'initial states passed as inputs'
  if (x[0]?.rank !== 3 || x[0].dtype !== 'float32')
    return 'input is not a float32 [batch, steps, features] tensor'
  if (kwargs['mask'] !== undefined && kwargs['mask'] !== null) return 'masking'
  if (kwargs['initialState'] !== undefined && kwargs['initialState'] !== null)
    return 'initial state'
  if (host.stateful) return 'stateful'
  if (host.goBackwards) return 'goBackwards'
  if (host.returnState) return 'returnState'
  const config = host.getConfig()
  if (config['activation'] !== 'tanh') return `activation ${String(config['activation'])}`
  if (config['recurrentActivation'] !== 'sigmoid') {
    return `recurrentActivation ${String(config['recurrentActivation'])}`
  }
  return runtimeError()
}

function fusedCall(kind: CellKind, host: FusedHost, input: tf.Tensor, kwargs: Kwargs): tf.Tensor {
  return tf.tidy(() => {
    const cell = host.cell as CellView
    const training = kwargs['training'] === true
    const [nb = 0, , nf = 0] = input.shape
    const nu = cell.units
    let x = input
    if (training && cell.dropout > 0 && cell.dropout < 1) {
      // tfjs draws one input mask per call and reuses it at every time step.
      x = tf.mul(x, tf.dropout(tf.ones([nb, 1, nf]), cell.dropout))
    }
    let recurrentMask: Float32Array | null = null
    if (training && cell.recurrentDropout > 0 && cell.recurrentDropout < 1) {
      const mask = tf.dropout(tf.ones([nb, nu]), cell.recurrentDropout)
      recurrentMask = Float32Array.from(mask.dataSync())
    }
    const width = (kind === 'lstm' ? 4 : 3) * nu
    const bias = cell.bias ? cell.bias.read() : tf.zeros([width])
    return fusedRecurrent(x, cell.kernel.read(), cell.recurrentKernel.read(), bias, {
      cell: kind,
      returnSequences: host.returnSequences,
      useBias: cell.bias !== null,
      recurrentMask
    })
  })
}

/** tf.layers.lstm with the fused forward/backward; serializes as the stock 'LSTM'. */
export class FusedLSTM extends StockLSTMClass {
  /** The reason the last call fell back to the stock path (null when it was fused). */
  lastFallback: string | null = null

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    this.lastFallback = unsupported(this, inputs, kwargs)
    const x = Array.isArray(inputs) ? inputs[0] : inputs
    if (this.lastFallback !== null || !x) return super.call(inputs, kwargs)
    return fusedCall('lstm', this, x, kwargs)
  }
}

/** tf.layers.gru (reset_after = false, like tfjs) with the fused kernels; serializes as 'GRU'. */
export class FusedGRU extends StockGRUClass {
  lastFallback: string | null = null

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    this.lastFallback = unsupported(this, inputs, kwargs)
    const x = Array.isArray(inputs) ? inputs[0] : inputs
    if (this.lastFallback !== null || !x) return super.call(inputs, kwargs)
    return fusedCall('gru', this, x, kwargs)
  }
}

/**
 * Runs `build` with the serialization registry mapping 'LSTM' / 'GRU' / 'Dropout' to the fused
 * layers and the fast-mask Dropout (or the stock ones), so any model JSON deserializes onto the
 * chosen path. (customObjects cannot do
 * this: tfjs 4.22 loses them for layers nested in a Sequential.)
 */
export async function withRecurrentClasses<T>(fused: boolean, build: () => Promise<T>): Promise<T> {
  const map = tf.serialization.SerializationMap.getMap().classNameMap
  const saved = { LSTM: map['LSTM'], GRU: map['GRU'], Dropout: map['Dropout'] }
  // The stock fromConfig is `new cls(config)`, so it builds whichever class it is paired with.
  const swap = (
    name: 'LSTM' | 'GRU' | 'Dropout',
    cls: typeof FusedLSTM | typeof FusedGRU | typeof FastDropout
  ): void => {
    const stock = saved[name]
    if (stock) map[name] = [cls as never, stock[1]]
  }
  try {
    if (fused) {
      swap('LSTM', FusedLSTM)
      swap('GRU', FusedGRU)
      swap('Dropout', FastDropout)
    }
    return await build()
  } finally {
    if (saved.LSTM) map['LSTM'] = saved.LSTM
    if (saved.GRU) map['GRU'] = saved.GRU
    if (saved.Dropout) map['Dropout'] = saved.Dropout
  }
}

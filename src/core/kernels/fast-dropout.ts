// Dropout with its mask drawn by a small seeded generator in one typed-array loop: stock
// tf.dropout draws its uniforms through seedrandom in JavaScript (~1 ms per [32, 60, 50]
// batch), which was a sixth of a fused epoch. Same semantics as the stock layer (inverted
// dropout at rate p while training, identity otherwise), same className and config, so a
// model saves and loads exactly like one with stock Dropout layers.
import * as tf from '@tensorflow/tfjs'

type StockDropout = ReturnType<typeof tf.layers.dropout>
export type DropoutArgs = Parameters<typeof tf.layers.dropout>[0]
type Kwargs = Parameters<StockDropout['call']>[1]

/** The stock Dropout members this layer reads. */
interface DropoutView {
  readonly rate: number
  readonly noiseShape?: number[] | null
  readonly seed?: number | null
}

const stockEntry = tf.serialization.SerializationMap.getMap().classNameMap['Dropout']
if (!stockEntry) throw new Error('tfjs-layers has no registered Dropout class')
const StockDropoutClass = stockEntry[0] as unknown as new (args: DropoutArgs) => StockDropout

/**
 * Fills `mask` with 0 (dropped, probability `rate`) or 1 / (1 - rate) (kept), from a
 * xorshift32 stream started at `seed`. The keep test compares 24-bit uniforms in [0, 1), like
 * stock's floor(u + keep) = 1 exactly when u >= rate.
 */
export function fillDropoutMask(mask: Float32Array, rate: number, seed: number): void {
  const keep = 1 - rate
  const scale = Math.fround(1 / keep)
  const threshold = Math.ceil(rate * 16777216)
  let s = seed >>> 0 || 0x9e3779b9
  for (let i = 0; i < mask.length; i++) {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    mask[i] = ((s >>> 8) & 0xffffff) >= threshold ? scale : 0
  }
}

/** tf.layers.dropout with the fast mask; serializes as the stock 'Dropout'. */
export class FastDropout extends StockDropoutClass {
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const { rate, noiseShape, seed } = this as unknown as DropoutView
    const x = Array.isArray(inputs) ? inputs[0] : inputs
    // A seeded layer or a noise shape keeps the stock path (its mask semantics differ).
    const fast =
      kwargs['training'] === true &&
      rate > 0 &&
      rate < 1 &&
      (noiseShape ?? null) === null &&
      (seed ?? null) === null &&
      x?.dtype === 'float32'
    if (!fast || !x) return super.call(inputs, kwargs)
    return tf.tidy(() => {
      const mask = new Float32Array(x.size)
      // One draw from Math.random per call: the engine seeds Math.random per run
      // (withSeededMathRandom), so masks repeat with the run's seed like stock ones do.
      fillDropoutMask(mask, rate, Math.floor(Math.random() * 4294967296))
      return tf.mul(x, tf.tensor(mask, x.shape, 'float32'))
    })
  }
}

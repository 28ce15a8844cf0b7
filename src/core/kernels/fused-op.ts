// The fused recurrent layer as one tfjs op with a custom gradient: the forward pass runs the
// whole sequence in one kernel call, the gradient runs the whole BPTT in another.
import * as tf from '@tensorflow/tfjs'
import {
  backwardSequence,
  forwardSequence,
  type CellKind,
  type LayerWeights,
  type SequenceShape
} from './sequence'

function f32(t: tf.Tensor): Float32Array {
  if (t.dtype !== 'float32') throw new Error(`fused recurrent op expects float32, got ${t.dtype}`)
  return t.dataSync() as Float32Array
}

/** hs [nb, nt, nu] -> its last time step [nb, nu]. */
export function lastStep(hs: Float32Array, shape: SequenceShape): Float32Array {
  const { nb, nt, nu } = shape
  const out = new Float32Array(nb * nu)
  for (let b = 0; b < nb; b++) {
    const from = (b * nt + nt - 1) * nu
    out.set(hs.subarray(from, from + nu), b * nu)
  }
  return out
}

/** dy of the last step [nb, nu] -> dhs [nb, nt, nu] (zeros elsewhere). */
function spreadLastStep(dy: Float32Array, shape: SequenceShape): Float32Array {
  const { nb, nt, nu } = shape
  const out = new Float32Array(nb * nt * nu)
  for (let b = 0; b < nb; b++) out.set(dy.subarray(b * nu, (b + 1) * nu), (b * nt + nt - 1) * nu)
  return out
}

export interface FusedOpOptions {
  readonly cell: CellKind
  readonly returnSequences: boolean
  readonly useBias: boolean
  /** Recurrent dropout mask [nb, nu] (already scaled by 1 / (1 - rate)), or null. */
  readonly recurrentMask: Float32Array | null
}

/**
 * Runs one recurrent layer over x [nb, nt, nf]. kernel/recurrent/bias have the tfjs layout;
 * pass a zero bias when the layer has none (its gradient is then ignored by the caller).
 * Returns [nb, nt, nu] or [nb, nu]; differentiable in all four tensor inputs.
 */
export function fusedRecurrent(
  x: tf.Tensor,
  kernel: tf.Tensor,
  recurrent: tf.Tensor,
  bias: tf.Tensor,
  options: FusedOpOptions
): tf.Tensor {
  const { cell, returnSequences, useBias, recurrentMask } = options
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [xt, kt, rt, bt] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor]
    const [nb = 0, nt = 0, nf = 0] = xt.shape
    const nu = rt.shape[0] ?? 0
    const shape: SequenceShape = { nb, nt, nf, nu }
    const xs = f32(xt)
    const weights: LayerWeights = {
      kernel: f32(kt),
      recurrent: f32(rt),
      bias: useBias ? f32(bt) : null
    }
    // Keep the gates only when a gradient tape is recording (training, tf.grad).
    const keep = tf.engine().state.gradientDepth > 0
    const state = forwardSequence(cell, shape, xs, weights, recurrentMask, keep)
    const value = returnSequences
      ? tf.tensor3d(state.hs, [nb, nt, nu])
      : tf.tensor2d(lastStep(state.hs, shape), [nb, nu])
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const dyd = f32(dy)
      const dhs = returnSequences ? dyd : spreadLastStep(dyd, shape)
      const g = backwardSequence(state, weights, dhs)
      return [
        tf.tensor3d(g.dx, [nb, nt, nf]),
        tf.tensor2d(g.dkernel, kt.shape as [number, number]),
        tf.tensor2d(g.drecurrent, rt.shape as [number, number]),
        tf.tensor1d(g.dbias)
      ]
    }
    return { value, gradFunc }
  })
  return op(x, kernel, recurrent, bias)
}

// Adam as one typed-array pass per variable instead of ~12 small tfjs ops per variable (each a
// kernel dispatch, a tensor and garbage to collect): ~60 ms of a fused epoch went there. The
// arithmetic is stock tfjs's AdamOptimizer.applyGradients, step by step in float32 (every
// intermediate rounded with Math.fround, the epsilon added after the square root of the
// bias-corrected second moment), and the moments live in the same variables as stock's, so
// getWeights / setWeights / dispose and the 'Adam' class name are unchanged.
import * as tf from '@tensorflow/tfjs'

const f = Math.fround

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0]

interface Slot {
  originalName: string
  variable: tf.Variable
}

/** The private AdamOptimizer members the fused step reads and writes. */
interface AdamState {
  accBeta1: tf.Variable
  accBeta2: tf.Variable
  accumulatedFirstMoment: (Slot | undefined)[]
  accumulatedSecondMoment: (Slot | undefined)[]
}

function slot(name: string, value: tf.Variable): Slot {
  return { originalName: name, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) }
}

export class FusedAdam extends tf.AdamOptimizer {
  override applyGradients(variableGradients: VariableGradients): void {
    const state = this as unknown as AdamState
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients)
    const b1 = f(this.beta1)
    const b2 = f(this.beta2)
    const c1 = f(1 - this.beta1)
    const c2 = f(1 - this.beta2)
    const eps = f(this.epsilon)
    const negLr = f(-this.learningRate)
    const acc1 = state.accBeta1.dataSync()[0] ?? 0
    const acc2 = state.accBeta2.dataSync()[0] ?? 0
    const oneMinusAcc1 = f(1 - acc1)
    const oneMinusAcc2 = f(1 - acc2)
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name]
        if (!value) return
        const first = (state.accumulatedFirstMoment[i] ??= slot(`${name}/m`, value))
        const second = (state.accumulatedSecondMoment[i] ??= slot(`${name}/v`, value))
        const gradient = Array.isArray(variableGradients)
          ? variableGradients[i]?.tensor
          : variableGradients[name]
        if (!gradient) return
        const g = gradient.dataSync() as Float32Array
        const w = value.dataSync() as Float32Array
        const m = first.variable.dataSync() as Float32Array
        const v = second.variable.dataSync() as Float32Array
        const nw = new Float32Array(w.length)
        const nm = new Float32Array(w.length)
        const nv = new Float32Array(w.length)
        for (let k = 0; k < w.length; k++) {
          const gk = g[k]!
          const mk = f(f(m[k]! * b1) + f(gk * c1))
          const vk = f(f(v[k]! * b2) + f(f(gk * gk) * c2))
          const mHat = f(mk / oneMinusAcc1)
          const vHat = f(vk / oneMinusAcc2)
          nm[k] = mk
          nv[k] = vk
          nw[k] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negLr) + w[k]!)
        }
        first.variable.assign(tf.tensor(nm, value.shape, 'float32'))
        second.variable.assign(tf.tensor(nv, value.shape, 'float32'))
        value.assign(tf.tensor(nw, value.shape, 'float32'))
      })
      state.accBeta1.assign(tf.scalar(f(acc1 * b1)))
      state.accBeta2.assign(tf.scalar(f(acc2 * b2)))
    })
    this.incrementIterations()
  }
}

/** tf.train.adam's defaults (epsilon: the backend's, 1e-7 in float32) with the fused step. */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999): FusedAdam {
  return new FusedAdam(learningRate, beta1, beta2)
}

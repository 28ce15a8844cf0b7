// Adam as one typed-array pass per variable instead of ~12 small tfjs ops per variable (each a
// kernel dispatch and a tensor). The arithmetic is stock tfjs's AdamOptimizer.applyGradients,
// step by step in float32 (every intermediate rounded with Math.fround, the epsilon added after
// the square root of the bias-corrected second moment). The moments live in host arrays between
// steps and are written to stock's moment variables whenever getWeights reads them, so
// getWeights / setWeights / dispose and the 'Adam' class name behave as stock.
import * as tf from '@tensorflow/tfjs'

const f = Math.fround

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0]
type NamedTensors = Awaited<ReturnType<tf.AdamOptimizer['getWeights']>>

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

interface StepItem {
  readonly variable: tf.Variable | undefined
  readonly gradient: (() => Float32Array | null) | null
  /** The variable's current value as a host copy (read from the variable when absent). */
  readonly value?: Float32Array | undefined
}

interface Moments {
  m: Float32Array
  v: Float32Array
}

function slot(name: string, value: tf.Variable): Slot {
  return { originalName: name, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) }
}

export class FusedAdam extends tf.AdamOptimizer {
  /** Host copies of the moments by variable index; null entries are read from the slots. */
  private moments: (Moments | undefined)[] = []
  /** Whether the host moments are newer than the slot variables. */
  private slotsStale = false

  override applyGradients(variableGradients: VariableGradients): void {
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients)
    this.step(
      names.map((name, i) => {
        const gradient = Array.isArray(variableGradients)
          ? variableGradients[i]?.tensor
          : variableGradients[name]
        return {
          variable: tf.engine().registeredVariables[name],
          gradient: gradient ? () => gradient.dataSync() as Float32Array : null
        }
      })
    )
  }

  /**
   * The same step from host arrays (the fused train step's gradients), in the order
   * trainOnBatch passes the model's trainable weights: that order indexes the moment slots.
   * `values` are the variables' current values, updated in place and written back.
   */
  applyHostGradients(
    variables: readonly tf.Variable[],
    gradients: readonly Float32Array[],
    values: readonly Float32Array[]
  ): void {
    this.step(
      variables.map((variable, i) => ({
        variable,
        gradient: () => gradients[i] ?? null,
        value: values[i]
      }))
    )
  }

  private step(items: readonly StepItem[]): void {
    const state = this as unknown as AdamState
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
      items.forEach(({ variable: value, gradient, value: host }, i) => {
        if (!value) return
        const first = (state.accumulatedFirstMoment[i] ??= slot(`${value.name}/m`, value))
        const second = (state.accumulatedSecondMoment[i] ??= slot(`${value.name}/v`, value))
        const g = gradient?.()
        if (!g) return
        const moments = (this.moments[i] ??= {
          m: (first.variable.dataSync() as Float32Array).slice(),
          v: (second.variable.dataSync() as Float32Array).slice()
        })
        const w = host ?? (value.dataSync() as Float32Array).slice()
        adamStep(w, moments, g, { b1, b2, c1, c2, eps, negLr, oneMinusAcc1, oneMinusAcc2 })
        value.assign(tf.tensor(w, value.shape, 'float32'))
      })
      state.accBeta1.assign(tf.scalar(f(acc1 * b1)))
      state.accBeta2.assign(tf.scalar(f(acc2 * b2)))
    })
    this.slotsStale = true
    this.incrementIterations()
  }

  override async getWeights(): Promise<NamedTensors> {
    this.syncSlots()
    return super.getWeights()
  }

  override async setWeights(weightValues: NamedTensors): Promise<void> {
    await super.setWeights(weightValues)
    this.moments = []
    this.slotsStale = false
  }

  /** Writes the host moments into stock's moment variables. */
  private syncSlots(): void {
    if (!this.slotsStale) return
    const state = this as unknown as AdamState
    this.moments.forEach((moments, i) => {
      const first = state.accumulatedFirstMoment[i]?.variable
      const second = state.accumulatedSecondMoment[i]?.variable
      if (!moments || !first || !second) return
      tf.tidy(() => {
        first.assign(tf.tensor(moments.m, first.shape, 'float32'))
        second.assign(tf.tensor(moments.v, second.shape, 'float32'))
      })
    })
    this.slotsStale = false
  }
}

interface StepConstants {
  b1: number
  b2: number
  c1: number
  c2: number
  eps: number
  negLr: number
  oneMinusAcc1: number
  oneMinusAcc2: number
}

/** One Adam update of w, m and v in place, in stock's float32 order of operations. */
function adamStep(w: Float32Array, { m, v }: Moments, g: Float32Array, k: StepConstants): void {
  const { b1, b2, c1, c2, eps, negLr, oneMinusAcc1, oneMinusAcc2 } = k
  for (let i = 0; i < w.length; i++) {
    const gi = g[i]!
    const mi = f(f(m[i]! * b1) + f(gi * c1))
    const vi = f(f(v[i]! * b2) + f(f(gi * gi) * c2))
    m[i] = mi
    v[i] = vi
    const mHat = f(mi / oneMinusAcc1)
    const vHat = f(vi / oneMinusAcc2)
    w[i] = f(f(f(mHat / f(f(Math.sqrt(vHat)) + eps)) * negLr) + w[i]!)
  }
}

/**
 * Whether an optimizer is the fused Adam. Not instanceof: tfjs gives its optimizer classes a
 * duck-typed Symbol.hasInstance, so every stock AdamOptimizer is "instanceof FusedAdam".
 */
export function isFusedAdam(optimizer: tf.Optimizer): optimizer is FusedAdam {
  return typeof (optimizer as Partial<FusedAdam>).applyHostGradients === 'function'
}

/** tf.train.adam's defaults (epsilon: the backend's, 1e-7 in float32) with the fused step. */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999): FusedAdam {
  return new FusedAdam(learningRate, beta1, beta2)
}

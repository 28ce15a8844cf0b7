// Adam as one vectorised wasm pass per variable (assembly/adam.ts) instead of ~12 small tfjs
// ops per variable (each a kernel dispatch and a tensor). The arithmetic is stock tfjs's
// AdamOptimizer.applyGradients, step by step in float32 (every intermediate rounded, the
// epsilon added after the square root of the bias-corrected second moment). The moments live
// in the kernel memory between steps and are written to stock's moment variables whenever
// getWeights reads them, so getWeights / setWeights / dispose and the 'Adam' class name behave
// as stock. A JavaScript loop over the same arithmetic cost ~8.5 ns per weight: 9 ms a batch
// on a 1 × LSTM(256) model.
import * as tf from '@tensorflow/tfjs'
import { kernelHeap, loadRuntime } from './runtime'

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

/** A variable's moments in the kernel memory (byte offsets of n floats each). */
interface Moments {
  readonly m: number
  readonly v: number
  readonly n: number
}

function releaseMoments(list: readonly (Moments | undefined)[]): void {
  const heap = kernelHeap()
  for (const moments of list) {
    if (!moments) continue
    heap.release(moments.m)
    heap.release(moments.v)
  }
}

/** Moments of an optimizer that was never disposed go back to the kernel memory with it. */
const finalizer = new FinalizationRegistry<(Moments | undefined)[]>(releaseMoments)

/** The variable's values in a new block of the kernel memory. */
function resident(values: Float32Array): number {
  const heap = kernelHeap()
  const p = heap.alloc(values.length)
  heap.view().set(values, p >> 2)
  return p
}

function slot(name: string, value: tf.Variable): Slot {
  return { originalName: name, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) }
}

export class FusedAdam extends tf.AdamOptimizer {
  /** The moments by variable index; missing entries are read from the slots. */
  private moments: (Moments | undefined)[] = []

  constructor(learningRate: number, beta1: number, beta2: number, epsilon?: number) {
    super(learningRate, beta1, beta2, epsilon)
    finalizer.register(this, this.moments, this)
  }
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
    const ex = loadRuntime().exports
    const heap = kernelHeap()
    tf.tidy(() => {
      items.forEach(({ variable: value, gradient, value: host }, i) => {
        if (!value) return
        const first = (state.accumulatedFirstMoment[i] ??= slot(`${value.name}/m`, value))
        const second = (state.accumulatedSecondMoment[i] ??= slot(`${value.name}/v`, value))
        const g = gradient?.()
        if (!g) return
        const moments = (this.moments[i] ??= {
          m: resident(first.variable.dataSync() as Float32Array),
          v: resident(second.variable.dataSync() as Float32Array),
          n: g.length
        })
        const w = host ?? (value.dataSync() as Float32Array).slice()
        const pw = resident(w)
        const pg = resident(g)
        const k = [b1, b2, c1, c2, eps, negLr, oneMinusAcc1, oneMinusAcc2]
        ex.adam(pw, pg, moments.m, moments.v, g.length, ...k)
        w.set(heap.view().subarray(pw >> 2, (pw >> 2) + g.length))
        heap.release(pw)
        heap.release(pg)
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
    this.dropMoments()
  }

  override dispose(): void {
    this.dropMoments()
    finalizer.unregister(this)
    super.dispose()
  }

  private dropMoments(): void {
    releaseMoments(this.moments)
    this.moments.length = 0 // the same array: the finalizer holds it
    this.slotsStale = false
  }

  /** Writes the resident moments into stock's moment variables. */
  private syncSlots(): void {
    if (!this.slotsStale) return
    const state = this as unknown as AdamState
    this.moments.forEach((moments, i) => {
      const first = state.accumulatedFirstMoment[i]?.variable
      const second = state.accumulatedSecondMoment[i]?.variable
      if (!moments || !first || !second) return
      const view = kernelHeap().view()
      const read = (p: number): Float32Array => view.slice(p >> 2, (p >> 2) + moments.n)
      tf.tidy(() => {
        first.assign(tf.tensor(read(moments.m), first.shape, 'float32'))
        second.assign(tf.tensor(read(moments.v), second.shape, 'float32'))
      })
    })
    this.slotsStale = false
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

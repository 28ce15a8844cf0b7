// One training step of a whole forecaster on the fused path, outside tfjs: for the plain stack
// the app builds ([LSTM|GRU, Dropout?] x L, Dense, MSE, FusedAdam), the forward pass, the loss,
// the backward pass and Adam run on host arrays and in the wasm kernels, and only the updated
// weights go back into the model's variables. Through model.trainOnBatch the same step costs
// dozens of tfjs ops, a tensor and a copy in and out of the backend per layer, and the garbage
// that follows: at the reference size that was a third of an epoch. Anything else (other
// layers, losses, optimizers, regularizers, dropout inside the cells) keeps trainOnBatch.
import type * as tf from '@tensorflow/tfjs'
import { fillDropoutMask } from './fast-dropout'
import { kernelHeap, loadRuntime, type KernelHeap } from './runtime'
import { planTrainStep, type Plan } from './train-plan'
import {
  backwardSequence,
  forwardSequence,
  type ForwardState,
  type HeapInput,
  type LayerWeights
} from './sequence'

export interface TrainStepOptions {
  /** Seed of each dropout mask (default: one draw from Math.random, like FastDropout). */
  readonly maskSeed?: () => number
}

export interface TrainStep {
  /** One step on x [nb, nt, nf] and y [nb, outputs]; returns the batch's MSE before the step. */
  run(x: Float32Array, y: Float32Array, nb: number): number
}

function read(v: tf.Variable): Float32Array {
  // A copy (the step updates it in place); not Float32Array.from, which iterates element-wise.
  return (v.dataSync() as Float32Array).slice()
}

function multiplyInto(a: Float32Array, mask: Float32Array): void {
  for (let i = 0; i < a.length; i++) a[i] = a[i]! * mask[i]!
}

/** The fused step for this model, or the reason it keeps trainOnBatch. */
export function fusedTrainStep(
  model: tf.LayersModel,
  options: TrainStepOptions = {}
): TrainStep | string {
  const plan = planTrainStep(model)
  if (typeof plan === 'string') return plan
  const maskSeed = options.maskSeed ?? (() => Math.floor(Math.random() * 4294967296))
  const [, nt, nf] = (model.inputs[0]?.shape ?? []).map((d) => d ?? 0)
  if (!nt || !nf) return 'input shape is not [batch, steps, features]'
  return {
    run(x, y, nb) {
      if (!(nb > 0) || x.length !== nb * nt * nf || y.length !== nb * plan.outputs) {
        throw new Error(
          `fused train step: ${nb} windows need x of ${nb * nt * nf} and y of ${nb * plan.outputs} values, got ${x.length} and ${y.length}`
        )
      }
      const states: ForwardState[] = []
      const blocks = new Blocks(kernelHeap())
      try {
        return step(plan, { nb, nt, nf }, x, y, states, blocks, maskSeed)
      } finally {
        for (const state of states) state.release() // no-op for those backward released
        blocks.releaseAll()
      }
    }
  }
}

/** Kernel-memory blocks a step holds; whatever is left is released when it ends. */
class Blocks {
  private readonly held = new Set<number>()
  constructor(readonly heap: KernelHeap) {}
  alloc(floats: number): number {
    const p = this.heap.alloc(floats)
    this.held.add(p)
    return p
  }
  /** Hands a block over to a call that releases it. */
  give(p: number): HeapInput {
    this.held.delete(p)
    return { heapPointer: p }
  }
  take(p: number): number {
    this.held.add(p)
    return p
  }
  release(p: number): void {
    this.held.delete(p)
    this.heap.release(p)
  }
  releaseAll(): void {
    for (const p of this.held) this.heap.release(p)
    this.held.clear()
  }
}

interface Shape {
  readonly nb: number
  readonly nt: number
  readonly nf: number
}

function step(
  plan: Plan,
  { nb, nt, nf: nf0 }: Shape,
  x: Float32Array,
  y: Float32Array,
  states: ForwardState[],
  blocks: Blocks,
  maskSeed: () => number
): number {
  const ex = loadRuntime().exports
  const values = plan.order.map(read)
  const weights: LayerWeights[] = []
  // Dropout masks: in the kernel memory between layers, on the host after the last one.
  const masks: number[] = []
  let last: { h: Float32Array; mask: Float32Array | null } | null = null
  let input: Float32Array | HeapInput = x
  let nf = nf0
  let offset = 0
  for (const stage of plan.stages) {
    const [kernel, recurrent, bias] = values.slice(offset, offset + stage.variables.length)
    offset += stage.variables.length
    const w: LayerWeights = { kernel: kernel!, recurrent: recurrent!, bias: bias ?? null }
    const nu = stage.units
    const shape = { nb, nt, nf, nu }
    const state = forwardSequence(stage.cell, shape, input, w, null, true, 'resident')
    states.push(state)
    weights.push(w)
    const rate = stage.dropout > 0 && stage.dropout < 1 ? stage.dropout : 0
    if (stage.returnSequences) {
      // The next layer's input stays in the kernel memory: hs, dropped out into a new block.
      const n = nb * nt * nu
      const next = blocks.alloc(n)
      if (rate > 0) {
        const mask = blocks.alloc(n)
        const { threshold, scale } = dropoutConstants(rate)
        ex.dropout(state.hiddenPointer(), next, mask, n, threshold, scale, maskSeed())
        masks.push(mask)
      } else {
        const view = blocks.heap.view()
        const from = state.hiddenPointer() >> 2
        view.copyWithin(next >> 2, from, from + n)
        masks.push(0)
      }
      input = blocks.give(next)
    } else {
      const h = lastStep(blocks.heap.view(), state.hiddenPointer(), nb, nt, nu)
      let mask: Float32Array | null = null
      if (rate > 0) {
        mask = new Float32Array(h.length)
        fillDropoutMask(mask, rate, maskSeed())
        multiplyInto(h, mask)
      }
      last = { h, mask }
      masks.push(0)
    }
    nf = nu
  }
  if (!last) throw new Error('the stack has no last layer')
  const { loss, dh, grads: denseGrads } = denseMse(last.h, y, nb, nf, plan, values.slice(offset))
  if (last.mask) multiplyInto(dh, last.mask)
  // Back through the stack, top layer first; dhs and dx stay in the kernel memory.
  const stackGrads: Float32Array[][] = []
  let dhs: HeapInput | null = null
  for (let s = plan.stages.length - 1; s >= 0; s--) {
    const stage = plan.stages[s]!
    const nu = stage.units
    if (!dhs) {
      const p = blocks.alloc(nb * nt * nu)
      spreadLastStep(blocks.heap.view(), p, dh, nb, nt, nu)
      dhs = blocks.give(p)
    }
    const g = backwardSequence(states[s]!, weights[s]!, dhs, 'resident')
    stackGrads[s] = [g.dkernel, g.drecurrent, ...(stage.variables.length > 2 ? [g.dbias] : [])]
    const dx = blocks.take(g.dxPointer)
    const below = masks[s - 1]
    if (s === 0) {
      blocks.release(dx)
    } else {
      if (below) {
        ex.mulInto(dx, below, nb * nt * (plan.stages[s - 1]?.units ?? 0))
        blocks.release(below)
      }
      dhs = blocks.give(dx)
    }
  }
  const grads = [...stackGrads.flat(), ...denseGrads]
  plan.optimizer.applyHostGradients(plan.order, grads, values)
  return loss
}

function dropoutConstants(rate: number): { threshold: number; scale: number } {
  return { threshold: Math.ceil(rate * 16777216), scale: Math.fround(1 / (1 - rate)) }
}

/**
 * Dense (values: kernel [nu, outputs], then bias) and MSE over h [nb, nu]: the loss, its
 * gradient with respect to h, and the Dense gradients in the variables' order.
 */
function denseMse(
  h: Float32Array,
  y: Float32Array,
  nb: number,
  nu: number,
  plan: Plan,
  values: readonly Float32Array[]
): { loss: number; dh: Float32Array; grads: Float32Array[] } {
  const o = plan.outputs
  const kernel = values[0]!
  const bias = plan.dense.length > 1 ? values[1]! : null
  const dh = new Float32Array(nb * nu)
  const dKernel = new Float32Array(nu * o)
  const dBias = new Float32Array(o)
  let loss = 0
  for (let b = 0; b < nb; b++) {
    for (let k = 0; k < o; k++) {
      let yhat = bias ? bias[k]! : 0
      for (let j = 0; j < nu; j++) yhat += h[b * nu + j]! * kernel[j * o + k]!
      const e = yhat - y[b * o + k]!
      loss += e * e
      const g = (2 * e) / (nb * o)
      dBias[k] = dBias[k]! + g
      for (let j = 0; j < nu; j++) {
        dKernel[j * o + k] = dKernel[j * o + k]! + h[b * nu + j]! * g
        dh[b * nu + j] = dh[b * nu + j]! + g * kernel[j * o + k]!
      }
    }
  }
  return { loss: loss / (nb * o), dh, grads: bias ? [dKernel, dBias] : [dKernel] }
}

/** hs[:, nt - 1, :] of hs [nb, nt, nu] at byte offset p of the kernel memory. */
function lastStep(view: Float32Array, p: number, nb: number, nt: number, nu: number): Float32Array {
  const out = new Float32Array(nb * nu)
  for (let b = 0; b < nb; b++) {
    const from = (p >> 2) + (b * nt + nt - 1) * nu
    out.set(view.subarray(from, from + nu), b * nu)
  }
  return out
}

/** Writes dy [nb, nu] as the last step of a zeroed [nb, nt, nu] block at byte offset p. */
function spreadLastStep(
  view: Float32Array,
  p: number,
  dy: Float32Array,
  nb: number,
  nt: number,
  nu: number
): void {
  view.fill(0, p >> 2, (p >> 2) + nb * nt * nu)
  for (let b = 0; b < nb; b++)
    view.set(dy.subarray(b * nu, (b + 1) * nu), (p >> 2) + (b * nt + nt - 1) * nu)
}

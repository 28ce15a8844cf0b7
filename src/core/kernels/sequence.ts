// Whole-sequence forward/backward of one recurrent layer through the wasm kernels. Shapes
// follow the tensors: x [nb, nt, nf], kernel [nf, G], recurrent [nu, G], bias [G], with
// G = 4 nu (LSTM: i, f, c, o) or 3 nu (GRU: z, r, h). A forward pass that feeds a backward pass
// leaves x, the gates and the states in the kernel memory (ForwardState) instead of copying
// them out and back in; the backward pass (or the garbage collector) releases them.
import { executor, splitRows, type KernelCall } from './executor'
import { kernelHeap, loadRuntime, type KernelHeap } from './runtime'

export type CellKind = 'lstm' | 'gru'

export interface SequenceShape {
  readonly nb: number
  readonly nt: number
  readonly nf: number
  readonly nu: number
}

export interface LayerWeights {
  readonly kernel: Float32Array
  readonly recurrent: Float32Array
  /** Null when the layer has no bias. */
  readonly bias: Float32Array | null
}

interface Resident {
  readonly x: number
  readonly rmask: number
  readonly gates: number
  /** LSTM: c and tanh(c); GRU: r * h_{t-1}; each [nb, nt, nu]. */
  readonly aux: readonly number[]
  readonly hs: number
}

/** The result of a forward pass; holds kernel memory until release() when kept. */
export class ForwardState {
  private resident: Resident | null

  constructor(
    readonly cell: CellKind,
    readonly shape: SequenceShape,
    /** Hidden states [nb, nt, nu]. */
    readonly hs: Float32Array,
    resident: Resident | null
  ) {
    this.resident = resident
    if (resident) finalizer.register(this, resident, this)
  }

  /** Where the kept hidden states [nb, nt, nu] are in the kernel memory. */
  hiddenPointer(): number {
    return this.buffers().hs
  }

  /** The kept buffers; throws once released. */
  buffers(): Resident {
    if (!this.resident) throw new Error('the forward state of this recurrent layer was released')
    return this.resident
  }

  release(): void {
    if (!this.resident) return
    finalizer.unregister(this)
    releaseResident(kernelHeap(), this.resident)
    this.resident = null
  }
}

function releaseResident(heap: KernelHeap, r: Resident): void {
  for (const p of [r.x, r.rmask, r.gates, ...r.aux, r.hs]) if (p !== 0) heap.release(p)
}

const finalizer = new FinalizationRegistry<Resident>((r) => releaseResident(kernelHeap(), r))

/**
 * An input already in the kernel memory (a kernelHeap() block of the input's size): the call
 * takes it over and releases it, so a stack of layers hands activations on without copies.
 */
export interface HeapInput {
  readonly heapPointer: number
}

const EMPTY = new Float32Array(0)

export interface SequenceGrads {
  /** Empty when the caller asked for dx in the kernel memory (dxPointer). */
  readonly dx: Float32Array
  /** dx [nb, nt, nf] in the kernel memory, owned by the caller (0 unless asked for). */
  readonly dxPointer: number
  readonly dkernel: Float32Array
  readonly drecurrent: Float32Array
  readonly dbias: Float32Array
}

/** Rows per thread and kernel call in inference; keeps the gates of a call in cache. */
const INFERENCE_ROWS = 64

/** Cumulative wall time in the kernels and around them (copies, allocation), for the bench. */
export const sequenceStats = { calls: 0, kernelMs: 0, copyMs: 0, forwardMs: 0, backwardMs: 0 }

function record(t0: number, t1: number, t2: number, pass: 'forwardMs' | 'backwardMs'): void {
  const now = performance.now()
  sequenceStats.calls++
  sequenceStats.kernelMs += t2 - t1
  sequenceStats[pass] += t2 - t1
  sequenceStats.copyMs += t1 - t0 + (now - t2)
}

export function gateWidth(cell: CellKind, nu: number): number {
  return (cell === 'lstm' ? 4 : 3) * nu
}

/** Copies out of the (shared) module memory; TypedArray.slice on shared memory is ~3x slower. */
function copyOut(view: Float32Array, p: number, n: number): Float32Array {
  const out = new Float32Array(n)
  out.set(view.subarray(p >> 2, (p >> 2) + n))
  return out
}

/**
 * Forward pass over the whole sequence. rmask [nb, nu] is the recurrent dropout mask (null for
 * none). With keep false (inference) nothing stays in kernel memory. With hidden 'resident'
 * (keep only) hs is left empty: read the states at hiddenPointer().
 */
export function forwardSequence(
  cell: CellKind,
  shape: SequenceShape,
  x: Float32Array | HeapInput,
  weights: LayerWeights,
  rmask: Float32Array | null,
  keep: boolean,
  hidden: 'copy' | 'resident' = 'copy'
): ForwardState {
  const { nb, nt, nf, nu } = shape
  const run = executor()
  const chunk = INFERENCE_ROWS * run.parts(Number.MAX_SAFE_INTEGER)
  if (!(x instanceof Float32Array) || hidden === 'resident') {
    if (!keep) throw new Error('kernel-resident inputs and outputs need keep')
  } else if (!keep && nb > chunk) {
    // Inference on a big batch: cache-sized row blocks, each spread over the threads.
    const hs = new Float32Array(nb * nt * nu)
    for (let start = 0; start < nb; start += chunk) {
      const n = Math.min(chunk, nb - start)
      const xs = x.subarray(start * nt * nf, (start + n) * nt * nf)
      const mask = rmask ? rmask.subarray(start * nu, (start + n) * nu) : null
      const part = forwardSequence(cell, { nb: n, nt, nf, nu }, xs, weights, mask, false)
      hs.set(part.hs, start * nt * nu)
    }
    return new ForwardState(cell, shape, hs, null)
  }
  const t0 = performance.now()
  const ex = loadRuntime().exports
  const heap = kernelHeap()
  const g = gateWidth(cell, nu)
  const seq = nb * nt * nu
  const resident: Resident = {
    x: x instanceof Float32Array ? heap.alloc(nb * nt * nf) : x.heapPointer,
    rmask: rmask ? heap.alloc(nb * nu) : 0,
    gates: heap.alloc(nb * nt * g),
    aux: Array.from({ length: cell === 'lstm' ? 2 : 1 }, () => heap.alloc(seq)),
    hs: heap.alloc(seq)
  }
  const pw = heap.alloc(nf * g)
  const pr = heap.alloc(nu * g)
  const pb = weights.bias ? heap.alloc(g) : 0
  const parts = splitRows(nb, run.parts(nb))
  const scratchOf = cell === 'lstm' ? ex.lstmForwardScratch : ex.gruForwardScratch
  const scratch = parts.map(([, n]) => heap.alloc(scratchOf(n, nt, nf, nu)))
  const view = heap.view()
  if (x instanceof Float32Array) view.set(x, resident.x >> 2)
  view.set(weights.kernel, pw >> 2)
  view.set(weights.recurrent, pr >> 2)
  if (weights.bias) view.set(weights.bias, pb >> 2)
  if (rmask) view.set(rmask, resident.rmask >> 2)
  const calls: KernelCall[] = parts.map(([b0, n], i) => {
    const rows = (p: number, width: number): number => p + b0 * nt * width * 4
    return {
      fn: cell === 'lstm' ? 'lstmForward' : 'gruForward',
      args: [
        n,
        nt,
        nf,
        nu,
        rows(resident.x, nf),
        pw,
        pr,
        pb,
        rmask ? resident.rmask + b0 * nu * 4 : 0,
        rows(resident.gates, g),
        ...resident.aux.map((p) => rows(p, nu)),
        rows(resident.hs, nu),
        scratch[i] ?? 0
      ]
    }
  })
  const t1 = performance.now()
  try {
    run.run(ex, calls)
  } catch (error) {
    // A failed call keeps nothing: not even an input handed over as a HeapInput.
    for (const p of [pw, pr, pb, ...scratch]) if (p !== 0) heap.release(p)
    releaseResident(heap, resident)
    throw error
  }
  const t2 = performance.now()
  const hs = hidden === 'copy' ? copyOut(view, resident.hs, seq) : EMPTY
  for (const p of [pw, pr, pb, ...scratch]) if (p !== 0) heap.release(p)
  if (!keep) releaseResident(heap, resident)
  record(t0, t1, t2, 'forwardMs')
  return new ForwardState(cell, shape, hs, keep ? resident : null)
}

/**
 * Backward pass over the whole sequence given dhs [nb, nt, nu], the gradient of hs; releases the
 * forward state. The weights must be the ones the forward pass used. With dx 'resident', dx
 * stays in the kernel memory (dxPointer, the caller's to release).
 */
export function backwardSequence(
  state: ForwardState,
  weights: LayerWeights,
  dhs: Float32Array | HeapInput,
  dx: 'copy' | 'resident' = 'copy'
): SequenceGrads {
  const { cell, shape } = state
  const { nb, nt, nf, nu } = shape
  const t0 = performance.now()
  const ex = loadRuntime().exports
  const heap = kernelHeap()
  const run = executor()
  const g = gateWidth(cell, nu)
  const seq = nb * nt * nu
  const r = state.buffers()
  const pw = heap.alloc(nf * g)
  const pr = heap.alloc(nu * g)
  const pdhs = dhs instanceof Float32Array ? heap.alloc(seq) : dhs.heapPointer
  const pdg = heap.alloc(nb * nt * g)
  const pdx = heap.alloc(nb * nt * nf)
  const parts = splitRows(nb, run.parts(nb))
  const scratchOf = cell === 'lstm' ? ex.lstmBackwardScratch : ex.gruBackwardScratch
  const per = parts.map(([, n]) => ({
    dw: heap.alloc(nf * g),
    dr: heap.alloc(nu * g),
    db: heap.alloc(g),
    scratch: heap.alloc(scratchOf(n, nt, nf, nu))
  }))
  const view = heap.view()
  view.set(weights.kernel, pw >> 2)
  view.set(weights.recurrent, pr >> 2)
  if (dhs instanceof Float32Array) view.set(dhs, pdhs >> 2)
  const calls: KernelCall[] = parts.map(([b0, n], i) => {
    const rows = (p: number, width: number): number => p + b0 * nt * width * 4
    const slot = per[i]
    if (!slot) throw new Error('missing scratch slot')
    return {
      fn: cell === 'lstm' ? 'lstmBackward' : 'gruBackward',
      args: [
        n,
        nt,
        nf,
        nu,
        rows(r.x, nf),
        pw,
        pr,
        r.rmask ? r.rmask + b0 * nu * 4 : 0,
        rows(r.gates, g),
        ...r.aux.map((p) => rows(p, nu)),
        rows(r.hs, nu),
        rows(pdhs, nu),
        rows(pdg, g),
        rows(pdx, nf),
        slot.dw,
        slot.dr,
        slot.db,
        slot.scratch
      ]
    }
  })
  const t1 = performance.now()
  try {
    run.run(ex, calls)
  } catch (error) {
    for (const p of [pw, pr, pdhs, pdg, pdx]) heap.release(p)
    for (const slot of per) for (const p of Object.values(slot)) heap.release(p)
    throw error
  }
  const first = per[0]
  if (!first) throw new Error('no batch parts')
  for (const slot of per.slice(1)) {
    ex.addInto(first.dw, slot.dw, nf * g)
    ex.addInto(first.dr, slot.dr, nu * g)
    ex.addInto(first.db, slot.db, g)
  }
  const t2 = performance.now()
  const grads = {
    dx: dx === 'copy' ? copyOut(view, pdx, nb * nt * nf) : EMPTY,
    dxPointer: dx === 'copy' ? 0 : pdx,
    dkernel: copyOut(view, first.dw, nf * g),
    drecurrent: copyOut(view, first.dr, nu * g),
    dbias: copyOut(view, first.db, g)
  }
  for (const p of [pw, pr, pdhs, pdg, ...(dx === 'copy' ? [pdx] : [])]) heap.release(p)
  for (const slot of per) for (const p of [slot.dw, slot.dr, slot.db, slot.scratch]) heap.release(p)
  state.release()
  record(t0, t1, t2, 'backwardMs')
  return grads
}

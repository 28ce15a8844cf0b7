// Whole-sequence forward/backward of one recurrent layer on plain Float32Arrays, through the
// wasm kernels. Shapes follow the tensors: x [nb, nt, nf], kernel [nf, G], recurrent [nu, G],
// bias [G], with G = 4 nu (LSTM: i, f, c, o) or 3 nu (GRU: z, r, h).
import { executor, splitRows, type KernelCall } from './executor'
import { Arena, loadRuntime } from './runtime'

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

/** What the backward pass needs from the forward pass. */
export interface ForwardState {
  /** Hidden states [nb, nt, nu]. */
  readonly hs: Float32Array
  /** Activated gates [nb, nt, G]; empty when not kept. */
  readonly gates: Float32Array
  /** LSTM: [c, tanh c]; GRU: [r * h_{t-1}]; each [nb, nt, nu]; empty when not kept. */
  readonly aux: readonly Float32Array[]
}

export interface SequenceGrads {
  readonly dx: Float32Array
  readonly dkernel: Float32Array
  readonly drecurrent: Float32Array
  readonly dbias: Float32Array
}

/** Copies out of the (shared) module memory; TypedArray.slice on shared memory is ~3x slower. */
function copier(buffer: ArrayBufferLike): (p: number, n: number) => Float32Array {
  const view = new Float32Array(buffer)
  return (p, n) => {
    const out = new Float32Array(n)
    out.set(view.subarray(p >> 2, (p >> 2) + n))
    return out
  }
}

export function gateWidth(cell: CellKind, nu: number): number {
  return (cell === 'lstm' ? 4 : 3) * nu
}

function auxCount(cell: CellKind): number {
  return cell === 'lstm' ? 2 : 1
}

/**
 * Forward pass over the whole sequence. rmask [nb, nu] is the recurrent dropout mask (null for
 * none). With keep false only the hidden states are copied out (inference).
 */
export function forwardSequence(
  cell: CellKind,
  shape: SequenceShape,
  x: Float32Array,
  weights: LayerWeights,
  rmask: Float32Array | null,
  keep: boolean
): ForwardState {
  const { nb, nt, nf, nu } = shape
  const rt = loadRuntime()
  const ex = rt.exports
  const run = executor()
  const arena = new Arena(rt)
  const g = gateWidth(cell, nu)
  const seq = nb * nt * nu
  const px = arena.alloc(nb * nt * nf)
  const pw = arena.alloc(nf * g)
  const pr = arena.alloc(nu * g)
  const pb = weights.bias ? arena.alloc(g) : 0
  const pm = rmask ? arena.alloc(nb * nu) : 0
  const pg = arena.alloc(nb * nt * g)
  const paux = Array.from({ length: auxCount(cell) }, () => arena.alloc(seq))
  const phs = arena.alloc(seq)
  const parts = splitRows(nb, run.parts(nb))
  const scratchOf = cell === 'lstm' ? ex.lstmForwardScratch : ex.gruForwardScratch
  const scratch = parts.map(([, n]) => arena.alloc(scratchOf(n, nt, nf, nu)))
  const heap = arena.ensure()
  heap.set(x, px >> 2)
  heap.set(weights.kernel, pw >> 2)
  heap.set(weights.recurrent, pr >> 2)
  if (weights.bias) heap.set(weights.bias, pb >> 2)
  if (rmask) heap.set(rmask, pm >> 2)
  const calls: KernelCall[] = parts.map(([b0, n], i) => {
    const rows = (p: number, width: number): number => p + b0 * nt * width * 4
    const common = [n, nt, nf, nu, rows(px, nf), pw, pr, pb, pm ? pm + b0 * nu * 4 : 0]
    const aux = paux.map((p) => rows(p, nu))
    return {
      fn: cell === 'lstm' ? 'lstmForward' : 'gruForward',
      args: [...common, rows(pg, g), ...aux, rows(phs, nu), scratch[i] ?? 0]
    }
  })
  run.run(ex, calls)
  const copy = copier(rt.memory.buffer)
  return {
    hs: copy(phs, seq),
    gates: keep ? copy(pg, nb * nt * g) : new Float32Array(0),
    aux: keep ? paux.map((p) => copy(p, seq)) : []
  }
}

/** Backward pass over the whole sequence given dhs [nb, nt, nu], the gradient of hs. */
export function backwardSequence(
  cell: CellKind,
  shape: SequenceShape,
  x: Float32Array,
  weights: LayerWeights,
  rmask: Float32Array | null,
  state: ForwardState,
  dhs: Float32Array
): SequenceGrads {
  const { nb, nt, nf, nu } = shape
  const rt = loadRuntime()
  const ex = rt.exports
  const run = executor()
  const arena = new Arena(rt)
  const g = gateWidth(cell, nu)
  const seq = nb * nt * nu
  if (state.gates.length !== nb * nt * g) throw new Error('forward state was not kept')
  const px = arena.alloc(nb * nt * nf)
  const pw = arena.alloc(nf * g)
  const pr = arena.alloc(nu * g)
  const pm = rmask ? arena.alloc(nb * nu) : 0
  const pg = arena.alloc(nb * nt * g)
  const paux = state.aux.map(() => arena.alloc(seq))
  const phs = arena.alloc(seq)
  const pdhs = arena.alloc(seq)
  const pdg = arena.alloc(nb * nt * g)
  const pdx = arena.alloc(nb * nt * nf)
  const parts = splitRows(nb, run.parts(nb))
  const scratchOf = cell === 'lstm' ? ex.lstmBackwardScratch : ex.gruBackwardScratch
  const per = parts.map(([, n]) => ({
    dw: arena.alloc(nf * g),
    dr: arena.alloc(nu * g),
    db: arena.alloc(g),
    scratch: arena.alloc(scratchOf(n, nt, nf, nu))
  }))
  const heap = arena.ensure()
  heap.set(x, px >> 2)
  heap.set(weights.kernel, pw >> 2)
  heap.set(weights.recurrent, pr >> 2)
  if (rmask) heap.set(rmask, pm >> 2)
  heap.set(state.gates, pg >> 2)
  state.aux.forEach((a, i) => heap.set(a, (paux[i] ?? 0) >> 2))
  heap.set(state.hs, phs >> 2)
  heap.set(dhs, pdhs >> 2)
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
        rows(px, nf),
        pw,
        pr,
        pm ? pm + b0 * nu * 4 : 0,
        rows(pg, g),
        ...paux.map((p) => rows(p, nu)),
        rows(phs, nu),
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
  run.run(ex, calls)
  const first = per[0]
  if (!first) throw new Error('no batch parts')
  for (const slot of per.slice(1)) {
    ex.addInto(first.dw, slot.dw, nf * g)
    ex.addInto(first.dr, slot.dr, nu * g)
    ex.addInto(first.db, slot.db, g)
  }
  const copy = copier(rt.memory.buffer)
  return {
    dx: copy(pdx, nb * nt * nf),
    dkernel: copy(first.dw, nf * g),
    drecurrent: copy(first.dr, nu * g),
    dbias: copy(first.db, g)
  }
}

// The relaxed-SIMD build (fused multiply-add) and the SIMD-only fallback, side by side on the
// same inputs, each against a float64 reference written out here: GEMM (every column tail),
// the LSTM forward and its gradients.
import { describe, expect, it } from 'vitest'
import {
  chooseVariant,
  instantiateVariant,
  KernelHeap,
  type KernelRuntime
} from '../../../src/core/kernels/runtime'
import { relError, seeded } from './helpers'

// Turns on relaxed SIMD where Node needs the flag, as loadRuntime does.
const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } })
  .WebAssembly
const choice = chooseVariant(wasm)
const builds = (['baseline', 'relaxed'] as const).map((v) => ({ v, rt: instantiateVariant(v) }))

function put(heap: KernelHeap, values: Float32Array): number {
  const p = heap.alloc(values.length)
  heap.view().set(values, p >> 2)
  return p
}

function read(heap: KernelHeap, p: number, n: number): Float32Array {
  return heap.view().slice(p >> 2, (p >> 2) + n)
}

function refGemm(m: number, n: number, k: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(m * n)
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0
      for (let p = 0; p < k; p++) s += (a[i * k + p] ?? 0) * (b[p * n + j] ?? 0)
      c[i * n + j] = s
    }
  return c
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x))

/** Keras LSTM in float64: hs [nb, nt, nu]. */
function refLstm(
  shape: { nb: number; nt: number; nf: number; nu: number },
  x: Float32Array,
  w: Float32Array,
  r: Float32Array,
  bias: Float32Array
): Float64Array {
  const { nb, nt, nf, nu } = shape
  const g = 4 * nu
  const hs = new Float64Array(nb * nt * nu)
  for (let b = 0; b < nb; b++) {
    const h = new Float64Array(nu)
    const c = new Float64Array(nu)
    for (let t = 0; t < nt; t++) {
      const z = Float64Array.from(bias)
      for (let j = 0; j < g; j++) {
        for (let f = 0; f < nf; f++) z[j]! += (x[(b * nt + t) * nf + f] ?? 0) * (w[f * g + j] ?? 0)
        for (let u = 0; u < nu; u++) z[j]! += (h[u] ?? 0) * (r[u * g + j] ?? 0)
      }
      for (let u = 0; u < nu; u++) {
        c[u] = sigmoid(z[nu + u]!) * c[u]! + sigmoid(z[u]!) * Math.tanh(z[2 * nu + u]!)
        h[u] = sigmoid(z[3 * nu + u]!) * Math.tanh(c[u]!)
        hs[(b * nt + t) * nu + u] = h[u]!
      }
    }
  }
  return hs
}

function lstm(rt: KernelRuntime, shape: { nb: number; nt: number; nf: number; nu: number }) {
  const { nb, nt, nf, nu } = shape
  const g = 4 * nu
  const ex = rt.exports
  const heap = new KernelHeap(rt)
  const inputs = {
    x: seeded(nb * nt * nf, 1, 1.5),
    w: seeded(nf * g, 2, 0.6),
    r: seeded(nu * g, 3, 0.4),
    b: seeded(g, 4, 0.5),
    dhs: seeded(nb * nt * nu, 5)
  }
  const p = {
    x: put(heap, inputs.x),
    w: put(heap, inputs.w),
    r: put(heap, inputs.r),
    b: put(heap, inputs.b),
    dhs: put(heap, inputs.dhs),
    gates: heap.alloc(nb * nt * g),
    cs: heap.alloc(nb * nt * nu),
    tcs: heap.alloc(nb * nt * nu),
    hs: heap.alloc(nb * nt * nu),
    dg: heap.alloc(nb * nt * g),
    dx: heap.alloc(nb * nt * nf),
    dw: heap.alloc(nf * g),
    dr: heap.alloc(nu * g),
    db: heap.alloc(g),
    fs: heap.alloc(ex.lstmForwardScratch(nb, nt, nf, nu)),
    bs: heap.alloc(ex.lstmBackwardScratch(nb, nt, nf, nu))
  }
  ex.lstmForward(nb, nt, nf, nu, p.x, p.w, p.r, p.b, 0, p.gates, p.cs, p.tcs, p.hs, p.fs)
  const hs = read(heap, p.hs, nb * nt * nu)
  // tfjs-layers order of the backward arguments (see assembly/lstm.ts).
  ex.lstmBackward(
    ...[nb, nt, nf, nu, p.x, p.w, p.r, 0, p.gates, p.cs, p.tcs, p.hs, p.dhs, p.dg, p.dx],
    ...[p.dw, p.dr, p.db, p.bs]
  )
  const grads = [nb * nt * nf, nf * g, nu * g, g].map((n, i) =>
    read(heap, [p.dx, p.dw, p.dr, p.db][i] ?? 0, n)
  )
  return { inputs, hs, grads, dgates: read(heap, p.dg, nb * nt * g) }
}

describe('relaxed-SIMD and SIMD-only kernel builds', () => {
  it('picks the relaxed build where the engine has it, the other one when told or when not', () => {
    expect(chooseVariant({ validate: () => true }, {}).variant).toBe('relaxed')
    let flag = false
    const late = chooseVariant({ validate: () => flag }, {}, () => (flag = true))
    expect(late.variant).toBe('relaxed')
    expect(late.reason).toContain('--experimental-wasm-relaxed-simd')
    expect(chooseVariant({ validate: () => false }, {}, () => undefined).variant).toBe('baseline')
    const forced = chooseVariant({ validate: () => true }, { HINDSIGHT_KERNEL_SIMD: 'baseline' })
    expect(forced.variant).toBe('baseline')
    // Node 20 runs the relaxed build behind the flag, Electron's newer V8 natively.
    expect(choice.variant).toBe('relaxed')
  })

  it.each(builds)('$v: GEMM matches float64 for every column tail and row tail', ({ rt }) => {
    const heap = new KernelHeap(rt)
    for (const [m, n, k] of [
      [7, 13, 5],
      [16, 50, 200],
      [5, 3, 9],
      [9, 202, 51],
      [1, 1, 1]
    ] as const) {
      const a = seeded(m * k, m + n, 1)
      const b = seeded(k * n, k, 1)
      const c0 = seeded(m * n, 7, 1)
      const pa = put(heap, a)
      const pb = put(heap, b)
      const pc = put(heap, c0)
      rt.exports.gemm(m, n, k, pa, k, 1, pb, n, pc, n, 1)
      const want = refGemm(m, n, k, a, b).map((v, i) => v + (c0[i] ?? 0))
      expect(relError(read(heap, pc, m * n), want), `${m}x${n}x${k}`).toBeLessThan(1e-6)
      for (const ptr of [pa, pb, pc]) heap.release(ptr)
    }
  })

  it('LSTM forward of both builds matches float64 and each other; gradients agree', () => {
    const shape = { nb: 6, nt: 9, nf: 3, nu: 10 }
    const [base, relaxed] = builds.map(({ rt }) => lstm(rt, shape))
    if (!base || !relaxed) throw new Error('two builds expected')
    const want = refLstm(shape, base.inputs.x, base.inputs.w, base.inputs.r, base.inputs.b)
    expect(relError(base.hs, want)).toBeLessThan(1e-5)
    expect(relError(relaxed.hs, want)).toBeLessThan(1e-5)
    base.grads.forEach((g, i) => expect(relError(relaxed.grads[i] ?? [], g)).toBeLessThan(1e-4))
  })

  it.each(builds)(
    '$v: wide layers (packed dgates): dW = x^T dgates, dR = h_{t-1}^T dgates',
    ({ rt }) => {
      // 4U = 520 floats a row: the backward pass packs dgates (PACK_DGATES_FROM in lstm.ts).
      const shape = { nb: 3, nt: 4, nf: 5, nu: 130 }
      const { nb, nt, nf, nu } = shape
      const g = 4 * nu
      const { inputs, hs, grads, dgates } = lstm(rt, shape)
      const rows = nb * nt
      const hprev = new Float32Array(rows * nu)
      for (let b = 0; b < nb; b++)
        for (let t = 1; t < nt; t++)
          hprev.set(hs.subarray((b * nt + t - 1) * nu, (b * nt + t) * nu), (b * nt + t) * nu)
      const transpose = (m: Float32Array, r: number, c: number): Float32Array =>
        Float32Array.from({ length: r * c }, (_, i) => m[(i % r) * c + Math.floor(i / r)] ?? 0)
      const dw = refGemm(nf, g, rows, transpose(inputs.x, rows, nf), dgates)
      const dr = refGemm(nu, g, rows, transpose(hprev, rows, nu), dgates)
      expect(relError(grads[1] ?? [], dw)).toBeLessThan(1e-5)
      expect(relError(grads[2] ?? [], dr)).toBeLessThan(1e-5)
      // dx = dgates W^T (packed W^T, a 5-column tail).
      expect(
        relError(grads[0] ?? [], refGemm(rows, nf, g, dgates, transpose(inputs.w, nf, g)))
      ).toBeLessThan(1e-5)
    }
  )
})

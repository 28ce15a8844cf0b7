/**
 * Where an epoch of the reference workload goes on the fused path, trained through the app's
 * loop (app-epoch.ts): the recurrent kernels' forward and backward passes, the copies around
 * them, and everything else (Dense, dropout, loss, Adam, the loop). Then each kernel alone at
 * the per-thread shapes, with the GFLOP/s of its GEMMs. `npm run bench -- profile [--quick]`.
 */
import * as tf from '@tensorflow/tfjs'
import {
  initKernels,
  disposeKernels,
  createAdam,
  createDropoutLayer,
  createRecurrentLayer
} from '../src/core/kernels'
import { loadRuntime, kernelHeap } from '../src/core/kernels/runtime'
import { sequenceStats } from '../src/core/kernels/sequence'
import { threadCount } from '../src/core/kernels/threads'
import { appEpoch } from './app-epoch'
import { useBackend } from './backend'

const N = 1024
const T = 60
const BATCH = 32
const UNITS = 50

function referenceModel(): tf.LayersModel {
  const model = tf.sequential()
  const lstm = (returnSequences: boolean, first = false): tf.layers.Layer =>
    createRecurrentLayer(
      'lstm',
      {
        units: UNITS,
        returnSequences,
        ...(first ? { inputShape: [T, 1] as [number, number] } : {})
      },
      'fused'
    )
  model.add(lstm(true, true))
  model.add(lstm(true))
  model.add(lstm(false))
  model.add(createDropoutLayer(0.2, 'fused'))
  model.add(tf.layers.dense({ units: 1 }))
  model.compile({ optimizer: createAdam(1e-3, 'fused'), loss: 'meanSquaredError' })
  return model
}

function resetStats(): void {
  sequenceStats.calls = 0
  sequenceStats.kernelMs = 0
  sequenceStats.copyMs = 0
  sequenceStats.forwardMs = 0
  sequenceStats.backwardMs = 0
}

async function epochBreakdown(samples: number): Promise<string[]> {
  const model = referenceModel()
  const x = tf.randomNormal([samples, T, 1], 0, 1, 'float32', 1).dataSync() as Float32Array
  const y = tf.randomNormal([samples, 1], 0, 1, 'float32', 2).dataSync() as Float32Array
  const data = { x, y, n: samples, steps: T, features: 1, outputs: 1 }
  await appEpoch(model, { ...data, n: BATCH }, BATCH)
  resetStats()
  const t0 = performance.now()
  const step = await appEpoch(model, data, BATCH, 2)
  const wall = performance.now() - t0
  const scale = N / samples
  const s = { ...sequenceStats }
  const other = wall - s.kernelMs - s.copyMs
  const pct = (v: number): string => `${((100 * v) / wall).toFixed(0)}%`
  const ms = (v: number): string => `${((v * scale) / 1000).toFixed(3)} s`
  model.dispose()
  return [
    `epoch (scaled to ${N} windows, ${threadCount()} thread(s), ${step}): ${ms(wall)}`,
    `  recurrent forward kernels  ${ms(s.forwardMs)} ${pct(s.forwardMs)}`,
    `  recurrent backward kernels ${ms(s.backwardMs)} ${pct(s.backwardMs)}`,
    `  copies in/out of wasm      ${ms(s.copyMs)} ${pct(s.copyMs)}`,
    `  everything else            ${ms(other)} ${pct(other)}`
  ]
}

function fill(view: Float32Array, p: number, n: number, seed: number): void {
  let a = seed
  for (let i = 0; i < n; i++) {
    a = (a * 1103515245 + 12345) >>> 0
    view[(p >> 2) + i] = (a / 4294967296 - 0.5) * 0.2
  }
}

function best(reps: number, fn: () => void): number {
  fn()
  let t = Infinity
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now()
    fn()
    t = Math.min(t, performance.now() - t0)
  }
  return t
}

/** One thread: each kernel at the shape one of two threads gets (batch 16). */
export function kernelMicro(
  reps: number,
  shapes: ReadonlyArray<{ nb: number; nt: number; nf: number; nu: number }> = [
    { nb: BATCH / 2, nt: T, nf: 1, nu: UNITS },
    { nb: BATCH / 2, nt: T, nf: UNITS, nu: UNITS }
  ]
): string[] {
  const ex = loadRuntime().exports
  const heap = kernelHeap()
  const lines: string[] = []
  for (const { nb, nt, nf, nu } of shapes) {
    const g = 4 * nu
    const p = {
      x: heap.alloc(nb * nt * nf),
      w: heap.alloc(nf * g),
      r: heap.alloc(nu * g),
      b: heap.alloc(g),
      gates: heap.alloc(nb * nt * g),
      cs: heap.alloc(nb * nt * nu),
      tcs: heap.alloc(nb * nt * nu),
      hs: heap.alloc(nb * nt * nu),
      dhs: heap.alloc(nb * nt * nu),
      dg: heap.alloc(nb * nt * g),
      dx: heap.alloc(nb * nt * nf),
      dw: heap.alloc(nf * g),
      dr: heap.alloc(nu * g),
      db: heap.alloc(g),
      fs: heap.alloc(ex.lstmForwardScratch(nb, nt, nf, nu)),
      bs: heap.alloc(ex.lstmBackwardScratch(nb, nt, nf, nu))
    }
    const view = heap.view()
    for (const [i, key] of (['x', 'w', 'r', 'b', 'dhs'] as const).entries()) {
      const n = { x: nb * nt * nf, w: nf * g, r: nu * g, b: g, dhs: nb * nt * nu }[key]
      fill(view, p[key], n, i + 1)
    }
    const fwd = (): void =>
      ex.lstmForward(nb, nt, nf, nu, p.x, p.w, p.r, p.b, 0, p.gates, p.cs, p.tcs, p.hs, p.fs)
    const bwd = (): void =>
      ex.lstmBackward(
        nb,
        nt,
        nf,
        nu,
        p.x,
        p.w,
        p.r,
        0,
        p.gates,
        p.cs,
        p.tcs,
        p.hs,
        p.dhs,
        p.dg,
        p.dx,
        p.dw,
        p.dr,
        p.db,
        p.bs
      )
    const tf_ = best(reps, fwd)
    const tb = best(reps, bwd)
    // The GEMMs alone: recurrence (nt steps of [nb, nu] x [nu, 4U]) and the input projection.
    const trec = best(reps, () => {
      for (let t = 1; t < nt; t++)
        ex.gemm(nb, g, nu, p.hs, nu, 1, p.r, g, p.gates + t * g * 4, nt * g, 1)
    })
    const tproj = best(reps, () => ex.gemm(nb * nt, g, nf, p.x, nf, 1, p.w, g, p.gates, g, 1))
    const flopsRec = 2 * (nt - 1) * nb * nu * g
    const flopsProj = 2 * nb * nt * nf * g
    const gf = (flops: number, ms: number): string => `${(flops / ms / 1e6).toFixed(1)} GFLOP/s`
    lines.push(
      `LSTM nb=${nb} nt=${nt} F=${nf} U=${nu}: forward ${tf_.toFixed(2)} ms (${gf(flopsRec + flopsProj, tf_)} overall), ` +
        `backward ${tb.toFixed(2)} ms (${gf(2 * (flopsRec + flopsProj) + flopsRec, tb)} overall)`,
      `  recurrent GEMMs alone ${trec.toFixed(2)} ms (${gf(flopsRec, trec)}), ` +
        `input projection alone ${tproj.toFixed(3)} ms (${gf(flopsProj, tproj)})`
    )
    for (const ptr of Object.values(p)) heap.release(ptr)
  }
  return lines
}

export async function benchProfile(quick: boolean): Promise<string> {
  await useBackend('wasm')
  const samples = quick ? 8 * BATCH : N
  const lines: string[] = []
  lines.push(...kernelMicro(quick ? 5 : 20))
  lines.push(...(await epochBreakdown(samples)))
  await initKernels()
  lines.push(...(await epochBreakdown(samples)))
  await disposeKernels()
  return lines.join('\n')
}

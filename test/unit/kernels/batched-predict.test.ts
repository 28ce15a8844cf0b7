// The batched predict path for explanations: the prefix-sharing LSTM stack kernel against the
// stock tfjs layers on sunspot windows and on KernelSHAP's masked windows (which share long
// prefixes), split over threads or not; and many windows explained side by side giving exactly
// what explaining them one at a time gives, with far fewer model calls.
import * as tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRecurrentLayer, fusedPredict, predictPath } from '../../../src/core/kernels'
import { prefixOrder } from '../../../src/core/kernels/stack-predict'
import { loadRuntime } from '../../../src/core/kernels/runtime'
import { startThreads, stopThreads } from '../../../src/core/kernels/threads'
import {
  createRng,
  explain,
  globalImportance,
  meanBaseline,
  timeGrouping,
  type PredictFn
} from '../../../src/explain'
import { designKernelCoalitions } from '../../../src/explain/kernel-design'
import { relError, seeded, useBackend, values } from './helpers'

const T = 24

/** Yearly sunspots, standardised, as windows of T steps (one feature). */
function sunspotWindows(): { x: Float32Array; count: number } {
  const series = readFileSync('/work/shared/datasets/sunspots_yearly.csv', 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[1]))
  const mean = series.reduce((a, b) => a + b, 0) / series.length
  const sd = Math.sqrt(series.reduce((a, b) => a + (b - mean) ** 2, 0) / series.length)
  const count = series.length - T
  const x = new Float32Array(count * T)
  for (let i = 0; i < count; i++)
    for (let t = 0; t < T; t++) x[i * T + t] = ((series[i + t] ?? 0) - mean) / sd
  return { x, count }
}

/** LSTM(9, seq) → Dropout → LSTM(7) → Dense(1): stock and fused with the same weights. */
function twins(second: 'lstm' | 'gru' = 'lstm'): [tf.LayersModel, tf.LayersModel] {
  const build = (path: 'fused' | 'stock'): tf.LayersModel => {
    const m = tf.sequential()
    m.add(
      createRecurrentLayer('lstm', { units: 9, returnSequences: true, inputShape: [T, 1] }, path)
    )
    m.add(tf.layers.dropout({ rate: 0.3 }))
    m.add(createRecurrentLayer(second, { units: 7, returnSequences: false }, path))
    m.add(tf.layers.dense({ units: 1 }))
    return m
  }
  const stock = build('stock')
  const fused = build('fused')
  stock.setWeights(
    stock.getWeights().map((w, i) => (w.rank === 1 ? tf.tensor(seeded(w.size, 80 + i, 0.5)) : w))
  )
  fused.setWeights(stock.getWeights())
  return [stock, fused]
}

/** KernelSHAP's coalitions of window `at` against a mean baseline, as masked windows. */
function maskedWindows(x: Float32Array, at: number, baseline: Float32Array): Float32Array {
  const design = designKernelCoalitions(T, 2 * T + 512, createRng(5))
  const out = new Float32Array(design.k * T)
  for (let r = 0; r < design.k; r++)
    for (let t = 0; t < T; t++)
      out[r * T + t] = design.masks[r * T + t] ? (x[at * T + t] ?? 0) : (baseline[t] ?? 0)
  return out
}

function stockPredict(model: tf.LayersModel, batch: Float32Array, n: number): Float32Array {
  return tf.tidy(() => values(model.predict(tf.tensor3d(batch, [n, T, 1])) as tf.Tensor))
}

describe('prefix-sharing batched predict', () => {
  beforeAll(() => useBackend('cpu'))
  afterAll(() => stopThreads())

  it('finds each sorted window’s shared prefix with the one before it', () => {
    const batch = Float32Array.from([1, 2, 3, 0, 5, 6, 1, 2, 4, 1, 2, 3, 1, 9, 9])
    const { order, shared } = prefixOrder(batch, 5, 3, 1)
    expect(Array.from(order)).toEqual([1, 0, 3, 2, 4])
    // 1,2,3 vs 0,5,6: 0; again 1,2,3: 3; 1,2,4: 2; 1,9,9: 1.
    expect(Array.from(shared)).toEqual([0, 0, 3, 2, 1])
  })

  it('matches the stock layers on real windows and on masked windows, threaded or not', async () => {
    const { x, count } = sunspotWindows()
    const [stock, fused] = twins()
    expect(predictPath(fused)).toBe('stack')
    const baseline = meanBaseline(x, count, { steps: T, features: 1 }).windows
    const masked = maskedWindows(x, 100, baseline)
    const cases: Array<[Float32Array, number]> = [
      [x, count],
      [masked, masked.length / T]
    ]
    const serial: Float32Array[] = []
    for (const [batch, n] of cases) {
      const got = await fusedPredict(fused, batch, n, T, 1)
      expect(relError(got, stockPredict(stock, batch, n))).toBeLessThan(1e-5)
      serial.push(got)
    }
    await startThreads(loadRuntime(), 1)
    for (const [i, [batch, n]] of cases.entries()) {
      // The same rows, split over two threads: the same numbers.
      expect(Array.from(await fusedPredict(fused, batch, n, T, 1))).toEqual(
        Array.from(serial[i] ?? [])
      )
    }
    await stopThreads()
    expect(await fusedPredict(fused, new Float32Array(0), 0, T, 1)).toHaveLength(0)
  })

  it('matches the stock layers on short multi-feature windows, where the first step weighs most', async () => {
    // Few steps and several inputs: an error in the first step's input projection is not
    // forgotten by the end of the window (it once read the packed weights with the wrong stride).
    const steps = 4
    const features = 3
    const build = (path: 'fused' | 'stock'): tf.LayersModel => {
      const m = tf.sequential()
      m.add(
        createRecurrentLayer(
          'lstm',
          { units: 9, returnSequences: true, inputShape: [steps, features] },
          path
        )
      )
      m.add(createRecurrentLayer('lstm', { units: 5, returnSequences: false }, path))
      m.add(tf.layers.dense({ units: 3 }))
      return m
    }
    const stock = build('stock')
    const fused = build('fused')
    fused.setWeights(stock.getWeights())
    expect(predictPath(fused)).toBe('stack')
    // Windows that share prefixes (masked like coalitions) and have a non-zero first step.
    const n = 32
    const batch = new Float32Array(n * steps * features)
    for (let w = 0; w < n; w++)
      for (let t = 0; t < steps; t++)
        for (let f = 0; f < features; f++)
          batch[(w * steps + t) * features + f] = (w >> t) & 1 ? Math.sin(1 + t + 2 * f) : -0.5
    const want = tf.tidy(() =>
      values(stock.predict(tf.tensor3d(batch, [n, steps, features])) as tf.Tensor)
    )
    expect(relError(await fusedPredict(fused, batch, n, steps, features), want)).toBeLessThan(1e-5)
  })

  it('falls back to layer-by-layer kernels for a GRU in the stack', async () => {
    const { x, count } = sunspotWindows()
    const [stock, fused] = twins('gru')
    expect(predictPath(fused)).toBe('layers')
    const got = await fusedPredict(fused, x, count, T, 1)
    expect(relError(got, stockPredict(stock, x, count))).toBeLessThan(1e-5)
  })

  it('explains windows side by side exactly as one at a time, in far fewer model calls', async () => {
    const { x, count } = sunspotWindows()
    const [, fused] = twins()
    let calls = 0
    const predict: PredictFn = async (batch, n) => {
      calls++
      return fusedPredict(fused, batch, n, T, 1)
    }
    const shape = { steps: T, features: 1 }
    const windows = x.subarray(0, 6 * T)
    const baseline = meanBaseline(x, count, shape)
    const params = { kernelshap: { nsamples: 300, bootstrap: 0 } }
    const together = await globalImportance(
      { method: 'kernelshap', windows, count: 6, shape, baseline, levels: ['time'], params },
      predict
    )
    const batchedCalls = calls
    calls = 0
    const alone: number[][] = []
    for (let i = 0; i < 6; i++) {
      const one = await explain(
        {
          method: 'kernelshap',
          level: 'time',
          window: windows.slice(i * T, (i + 1) * T),
          shape,
          baseline,
          params
        },
        predict
      )
      alone.push(one.values)
    }
    const meanAbs = timeGrouping(shape).players.map(
      (_, t) => alone.reduce((s, v) => s + Math.abs(v[t] ?? 0), 0) / 6
    )
    expect(together.levels[0]?.meanAbs).toEqual(meanAbs)
    expect(batchedCalls * 3).toBeLessThanOrEqual(calls)
  })

  it('side by side, progress still moves within a wave and a cancel stops the model calls', async () => {
    const { x } = sunspotWindows()
    const [, fused] = twins()
    const shape = { steps: T, features: 1 }
    let windowsRun = 0
    const predict: PredictFn = async (batch, n) => {
      windowsRun += n
      return fusedPredict(fused, batch, n, T, 1)
    }
    // 12 windows x 2,048 coalitions: one wave, merged calls of at most MERGED_WINDOWS (8,192).
    const request = {
      method: 'kernelshap' as const,
      windows: x.subarray(0, 12 * T),
      count: 12,
      shape,
      baseline: meanBaseline(x.subarray(0, 100 * T), 100, shape),
      levels: ['time'] as const,
      params: { kernelshap: { nsamples: 2048, bootstrap: 0 } }
    }
    const seen: number[] = []
    const signal = { aborted: false }
    const run = globalImportance(request, predict, {
      signal,
      onProgress: (done) => {
        seen.push(done)
        // Cancel once the first merged batch of coalitions is back.
        if (done >= 4000) signal.aborted = true
      }
    })
    await expect(run).rejects.toThrow(/cancel|abort/i)
    // Progress came back part way through the round, and the rest of it was never sent.
    expect(seen.some((d) => d >= 4000 && d < 12 * 2048)).toBe(true)
    expect(windowsRun).toBeLessThan(12 * 2048)
  })
})

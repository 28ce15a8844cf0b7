// Reference-workload benchmark: stock tfjs-wasm, stock tfjs-cpu and the fused kernels side by
// side in one process. Run with `npx tsx bench/kernels.ts` (BENCH_SKIP_STOCK=1 skips the slow
// stock rows). Model: LSTM(50, seq) -> LSTM(50, seq) -> LSTM(50) -> Dropout(0.2) -> Dense(1),
// sigmoid recurrent activation, Adam, MSE; N = 1024 windows, T = 60, F = 1, batch 32.
import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { createRequire } from 'node:module'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import {
  createRecurrentLayer,
  disposeKernels,
  fusedPredict,
  initKernels,
  type KernelPath
} from '../src/core/kernels'
import { threadCount } from '../src/core/kernels/threads'

const N = 1024
const T = 60
const F = 1
const BATCH = 32
const UNITS = 50

export interface KernelBenchRow {
  readonly variant: string
  readonly backend: 'wasm' | 'cpu'
  readonly threads: number
  readonly trainSecondsPerEpoch: number
  /** Process CPU time (all threads) per epoch: steadier than wall time on a shared machine. */
  readonly trainCpuSecondsPerEpoch: number
  /** How the epoch time was measured (full epoch or extrapolated from a few batches). */
  readonly trainMeasured: string
  readonly predictSecondsPer1024: number
  readonly predictCpuSecondsPer1024: number
  readonly predictMeasured: string
  readonly peakRssMiB: number
  readonly peakHeapMiB: number
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since)
  return (d.user + d.system) / 1e6
}

class PeakMemory {
  rss = 0
  heap = 0
  sample(): void {
    const m = process.memoryUsage()
    this.rss = Math.max(this.rss, m.rss)
    this.heap = Math.max(this.heap, m.heapUsed)
  }
}

function referenceModel(path: KernelPath): tf.LayersModel {
  const model = tf.sequential()
  model.add(
    createRecurrentLayer('lstm', { units: UNITS, returnSequences: true, inputShape: [T, F] }, path)
  )
  model.add(createRecurrentLayer('lstm', { units: UNITS, returnSequences: true }, path))
  model.add(createRecurrentLayer('lstm', { units: UNITS, returnSequences: false }, path))
  model.add(tf.layers.dropout({ rate: 0.2 }))
  model.add(tf.layers.dense({ units: 1 }))
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'meanSquaredError' })
  return model
}

async function useBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (name === 'wasm') {
    const require = createRequire(join(process.cwd(), 'package.json'))
    setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'))}/dist/`)
  }
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} unavailable`)
  await tf.ready()
}

interface RunOptions {
  readonly variant: string
  readonly backend: 'wasm' | 'cpu'
  readonly path: KernelPath
  /** Training samples actually run (a multiple of BATCH); the epoch time is scaled to N. */
  readonly trainSamples: number
  /** Windows actually predicted; the time is scaled to 1024. */
  readonly predictWindows: number
  readonly useFusedPredict: boolean
  /** model.predict batch size (stock: tfjs' default 32, its faster setting on wasm). */
  readonly predictBatch: number
}

async function runVariant(o: RunOptions): Promise<KernelBenchRow> {
  await useBackend(o.backend)
  const peak = new PeakMemory()
  peak.sample()
  const model = referenceModel(o.path)
  const x = tf.randomNormal([N, T, F], 0, 1, 'float32', 1) as tf.Tensor3D
  const y = tf.randomNormal([N, 1], 0, 1, 'float32', 2) as tf.Tensor2D
  const fit = { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 as const }
  const callbacks = { onBatchEnd: async () => peak.sample() }
  // Warm-up: one batch (kernel compilation, wasm tier-up, optimizer slots).
  await model.fit(x.slice(0, BATCH), y.slice(0, BATCH), fit)
  const xs = x.slice(0, o.trainSamples)
  const ys = y.slice(0, o.trainSamples)
  let c0 = process.cpuUsage()
  let t0 = performance.now()
  await model.fit(xs, ys, { ...fit, callbacks })
  const trainSeconds = ((performance.now() - t0) / 1000) * (N / o.trainSamples)
  const trainCpu = cpuSeconds(c0) * (N / o.trainSamples)
  peak.sample()

  const windows = x.slice(0, o.predictWindows)
  const host = o.useFusedPredict ? (windows.dataSync() as Float32Array) : null
  // Warm-up on a few windows, so first-call costs (shape-specific buffers, tier-up) are not timed.
  const warm = x.slice(0, BATCH)
  if (host) await fusedPredict(model, host.subarray(0, BATCH * T * F), BATCH, T, F)
  else await (model.predict(warm, { batchSize: o.predictBatch }) as tf.Tensor).data()
  warm.dispose()
  c0 = process.cpuUsage()
  t0 = performance.now()
  if (host) {
    await fusedPredict(model, host, o.predictWindows, T, F)
  } else {
    const out = model.predict(windows, { batchSize: o.predictBatch }) as tf.Tensor
    await out.data()
    out.dispose()
  }
  const predictSeconds = ((performance.now() - t0) / 1000) * (1024 / o.predictWindows)
  const predictCpu = cpuSeconds(c0) * (1024 / o.predictWindows)
  peak.sample()
  tf.dispose([x, y, xs, ys, windows])
  model.dispose()
  const batches = o.trainSamples / BATCH
  return {
    variant: o.variant,
    backend: o.backend,
    threads: o.path === 'fused' ? threadCount() : 1,
    trainSecondsPerEpoch: trainSeconds,
    trainCpuSecondsPerEpoch: trainCpu,
    trainMeasured:
      o.trainSamples === N
        ? `1 full epoch (${batches} batches)`
        : `${batches} batches x ${N / o.trainSamples} (extrapolated)`,
    predictSecondsPer1024: predictSeconds,
    predictCpuSecondsPer1024: predictCpu,
    predictMeasured:
      (o.useFusedPredict ? 'fusedPredict, ' : `model.predict batch ${o.predictBatch}, `) +
      (o.predictWindows === 1024
        ? '1024 windows'
        : `${o.predictWindows} windows x ${1024 / o.predictWindows} (extrapolated)`),
    peakRssMiB: peak.rss / 2 ** 20,
    peakHeapMiB: peak.heap / 2 ** 20
  }
}

/** Runs every variant once, fused first (so its memory peak is not inflated by the others). */
export async function benchKernels(
  options: { skipStock?: boolean } = {}
): Promise<KernelBenchRow[]> {
  const rows: KernelBenchRow[] = []
  const full = { trainSamples: N, predictWindows: 1024, predictBatch: 1024 }
  rows.push(
    await runVariant({
      variant: 'fused, 1 thread',
      backend: 'wasm',
      path: 'fused',
      useFusedPredict: false,
      ...full
    })
  )
  await initKernels()
  rows.push(
    await runVariant({
      variant: 'fused, threads',
      backend: 'wasm',
      path: 'fused',
      useFusedPredict: false,
      ...full
    })
  )
  rows.push(
    await runVariant({
      variant: 'fused, threads, fusedPredict',
      backend: 'wasm',
      path: 'fused',
      useFusedPredict: true,
      ...full
    })
  )
  await disposeKernels()
  if (options.skipStock !== true) {
    rows.push(
      await runVariant({
        variant: 'stock tfjs-cpu',
        backend: 'cpu',
        path: 'stock',
        useFusedPredict: false,
        trainSamples: 4 * BATCH,
        predictWindows: 256,
        predictBatch: BATCH
      })
    )
    rows.push(
      await runVariant({
        variant: 'stock tfjs-wasm',
        backend: 'wasm',
        path: 'stock',
        useFusedPredict: false,
        ...full,
        predictBatch: BATCH
      })
    )
  }
  return rows
}

export function report(rows: readonly KernelBenchRow[]): string {
  const base = rows.find((r) => r.variant === 'stock tfjs-wasm')
  const cpu = cpus()[0]?.model ?? 'unknown CPU'
  const lines = [
    `Reference workload: 3xLSTM(${UNITS}) + Dropout(0.2) + Dense(1), N=${N}, T=${T}, F=${F}, batch ${BATCH}, Adam, MSE`,
    `${cpu}, ${availableParallelism()} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (shared machine: expect noise)`,
    ''
  ]
  for (const r of rows) {
    const train = base
      ? ` (${(base.trainSecondsPerEpoch / r.trainSecondsPerEpoch).toFixed(1)}x)`
      : ''
    const pred = base
      ? ` (${(base.predictSecondsPer1024 / r.predictSecondsPer1024).toFixed(1)}x)`
      : ''
    lines.push(
      `${r.variant.padEnd(30)} train ${r.trainSecondsPerEpoch.toFixed(2).padStart(7)} s/epoch${train.padEnd(9)} ` +
        `predict ${r.predictSecondsPer1024.toFixed(3).padStart(7)} s/1024${pred.padEnd(9)} ` +
        `cpu ${r.trainCpuSecondsPerEpoch.toFixed(2)} / ${r.predictCpuSecondsPer1024.toFixed(3)} s  ` +
        `rss ${r.peakRssMiB.toFixed(0)} MiB heap ${r.peakHeapMiB.toFixed(0)} MiB  [${r.backend}, ${r.threads} thread(s); train: ${r.trainMeasured}; predict: ${r.predictMeasured}]`
    )
  }
  return lines.join('\n')
}

if (process.argv[1]?.replace(/\\/g, '/').endsWith('bench/kernels.ts')) {
  benchKernels({ skipStock: process.env['BENCH_SKIP_STOCK'] === '1' })
    .then((rows) => console.log(report(rows)))
    .catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
}

/**
 * `npm run bench -- kernels [--quick]`: the fused kernels against PyTorch + OpenBLAS (1 thread)
 * and stock tfjs-wasm, measured back to back in one run, with every ratio issue #14 asks for:
 * - reference workload (3 × LSTM(50), N = 1024, T = 60, F = 1, batch 32): PyTorch, the fused
 *   kernels on 1 and 2 threads, stock tfjs-wasm, PyTorch again (train s/epoch, predict 1,024);
 * - larger shapes (3 × LSTM(128), F = 8, T = 120, batch 64; 1 × LSTM(256), same data), fused
 *   on the threads against PyTorch, on 256 windows each side;
 * - peak RSS of a reference training run (a fresh child process);
 * - KernelSHAP and importance by lag, before and after the batched predict path.
 * --quick: one timed repetition and stock tfjs extrapolated from a few batches (dev loop).
 */
import { execFileSync } from 'node:child_process'
import { availableParallelism, cpus, loadavg } from 'node:os'
import { resolve } from 'node:path'
import { disposeKernels, initKernels, threadCount } from '../src/core/kernels'
import { loadRuntime } from '../src/core/kernels/runtime'
import type { ExplainBench } from './explain-batch'
import { importanceThenNow, type ImportanceThenNow } from './importance-then-now'
import { runTorch, torchSetup, type TorchResult } from './torch'
import { REFERENCE, runWorkload, type Workload, type WorkloadTimes } from './workload'

const LARGE: readonly (Workload & { name: string })[] = [
  {
    name: '3xLSTM(128) F=8 T=120 b=64',
    units: 128,
    features: 8,
    steps: 120,
    batch: 64,
    layers: 3,
    windows: 256
  },
  {
    name: '1xLSTM(256) F=8 T=120 b=64',
    units: 256,
    features: 8,
    steps: 120,
    batch: 64,
    layers: 1,
    windows: 256
  }
]

export interface KernelBench {
  readonly setup: string[]
  readonly torch: { before: TorchResult; after: TorchResult } | { absent: string }
  readonly fused1: WorkloadTimes
  readonly fused: WorkloadTimes
  /** model.predict through the fused layers: the predict path before the stack kernel. */
  readonly fusedModelPredict: WorkloadTimes
  readonly stock: WorkloadTimes | null
  readonly large: Array<{ name: string; fused: WorkloadTimes; torch: TorchResult | null }>
  readonly peakRssMiB: number
  readonly explain: ExplainBench
  /** Importance by lag against the code at the filing. */
  readonly importance: ImportanceThenNow
  readonly loadEnd: string
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')

/** The explanation rows, before and after, in a fresh process (see explain-child.ts). */
function explainInFreshProcess(quick: boolean): ExplainBench {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(__dirname, 'explain-child.ts'), ...(quick ? ['--quick'] : [])],
    { encoding: 'utf8', maxBuffer: 1 << 20 }
  )
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ExplainBench
}

/** Peak RSS of one reference training epoch (fused, threads) in a fresh process. */
function trainingRss(): number {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(__dirname, 'rss-child.ts')],
    { encoding: 'utf8', maxBuffer: 1 << 20 }
  )
  return Number(out.trim().split('\n').at(-1))
}

export async function benchKernels(options: { quick?: boolean } = {}): Promise<KernelBench> {
  const quick = options.quick === true
  const reps = quick ? 1 : 3
  const rt = loadRuntime()
  const setup = [
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores; Node ${process.version}, V8 ${process.versions.v8}`,
    `kernels: ${rt.variant} build (${rt.variantReason}); load average at start ${load()}`
  ]
  const torch = torchSetup()
  const torchRun = (w: Workload): TorchResult | null =>
    torch.absent === null ? runTorch(torch, w, reps) : null
  await disposeKernels()
  const before = torchRun(REFERENCE)
  const fused1 = await runWorkload(REFERENCE, {
    backend: 'wasm',
    path: 'fused',
    reps,
    predict: 'fused'
  })
  await initKernels()
  setup.push(`fused rows: 1 thread, then ${threadCount()} threads (the kernels' worker pool)`)
  const fused = await runWorkload(REFERENCE, {
    backend: 'wasm',
    path: 'fused',
    reps,
    predict: 'fused'
  })
  const fusedModelPredict = await runWorkload(
    { ...REFERENCE, windows: 1024 },
    { backend: 'wasm', path: 'fused', reps: 1, trainSamples: 4 * REFERENCE.batch, predict: 'model' }
  )
  const large = []
  for (const w of LARGE) {
    const t = torchRun(w)
    const f = await runWorkload(w, { backend: 'wasm', path: 'fused', reps, predict: 'fused' })
    large.push({ name: w.name, fused: f, torch: t })
  }
  await disposeKernels()
  const stock = await runWorkload(REFERENCE, {
    backend: 'wasm',
    path: 'stock',
    reps: 1,
    trainSamples: (quick ? 4 : 16) * REFERENCE.batch,
    predict: 'model',
    predictBatch: REFERENCE.batch
  })
  const after = torchRun(REFERENCE)
  const peakRssMiB = trainingRss()
  const explain = explainInFreshProcess(quick)
  const importance = importanceThenNow(quick)
  await disposeKernels()
  return {
    setup,
    torch: before && after ? { before, after } : { absent: torch.absent ?? 'PyTorch absent' },
    fused1,
    fused,
    fusedModelPredict,
    stock,
    large,
    peakRssMiB,
    explain,
    importance,
    loadEnd: load()
  }
}

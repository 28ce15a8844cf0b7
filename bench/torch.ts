/**
 * The PyTorch anchor (bench/torch_lstm.py) run from the bench, when Debian's python3 with torch
 * is there. HINDSIGHT_TORCH_PYTHON picks the interpreter (default /usr/bin/python3);
 * HINDSIGHT_OPENBLAS_DIR the folder with the pthread OpenBLAS libblas.so.3 (default
 * .bench/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread, see bench/README.md).
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Workload } from './workload'

/** The workload shape, the same on both sides of the comparison. */
export type TorchShape = Workload

export interface TorchResult {
  readonly version: string
  readonly threads: number
  /** Median seconds per epoch over `windows` windows. */
  readonly trainSeconds: number
  /** Median seconds to predict all `windows` windows in batches of 1024. */
  readonly predictSeconds: number
  readonly trainRuns: number[]
  readonly predictRuns: number[]
  /** Median process CPU seconds of the same runs (steadier than wall time under load). */
  readonly trainCpuSeconds: number
  readonly predictCpuSeconds: number
}

const SCRIPT = resolve(__dirname, 'torch_lstm.py')
const DEFAULT_BLAS = resolve(
  __dirname,
  '../.bench/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread'
)

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export interface TorchSetup {
  readonly python: string
  readonly blas: string | null
  /** Null when present; else why not (printed as-is by the bench). */
  readonly absent: string | null
}

export function torchSetup(env: Record<string, string | undefined> = process.env): TorchSetup {
  const python = env['HINDSIGHT_TORCH_PYTHON'] ?? '/usr/bin/python3'
  const blasDir = env['HINDSIGHT_OPENBLAS_DIR'] ?? DEFAULT_BLAS
  const blas = existsSync(join(blasDir, 'libblas.so.3')) ? blasDir : null
  const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8'
  })
  if (probe.status !== 0) {
    return {
      python,
      blas,
      absent: `PyTorch absent: ${python} cannot import torch (apt-get install -y python3-torch; see bench/README.md)`
    }
  }
  return { python, blas, absent: null }
}

/** Runs the anchor once (1 warm-up + `reps` timed runs, medians). */
export function runTorch(setup: TorchSetup, shape: TorchShape, reps = 3): TorchResult {
  const args = [
    SCRIPT,
    '--json',
    '--reps',
    String(reps),
    ...(['units', 'features', 'steps', 'batch', 'layers', 'windows'] as const).flatMap((k) => [
      `--${k}`,
      String(shape[k])
    ])
  ]
  const env: Record<string, string | undefined> = { ...process.env, OPENBLAS_NUM_THREADS: '1' }
  if (setup.blas) env['LD_LIBRARY_PATH'] = setup.blas
  const run = spawnSync(setup.python, args, { encoding: 'utf8', env, maxBuffer: 1 << 20 })
  const line = run.stdout.trim().split('\n').at(-1) ?? ''
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`torch_lstm.py failed: ${run.stderr.trim().split('\n').at(-1) ?? ''}`)
  }
  const out = JSON.parse(line) as {
    torch: string
    threads: number
    train: number[]
    predict1024: number[]
    train_cpu: number[]
    predict1024_cpu: number[]
  }
  return {
    version: out.torch,
    threads: out.threads,
    trainSeconds: median(out.train),
    predictSeconds: median(out.predict1024),
    trainRuns: out.train,
    predictRuns: out.predict1024,
    trainCpuSeconds: median(out.train_cpu),
    predictCpuSeconds: median(out.predict1024_cpu)
  }
}

// Times KernelSHAP at time level (60-step window, 2,048 coalitions) on any PredictFn.
// The engine owner wires this to the reference model in `npm run bench`; no tfjs here.
import {
  createRng,
  customBaseline,
  kernelShap,
  planKernelShap,
  timeGrouping,
  zerosBaseline
} from '../src/explain'
import type { Baseline, PredictFn } from '../src/explain'

export interface BenchExplainOptions {
  /** Window length (default 60). */
  readonly steps?: number
  /** Features per step (default 1). */
  readonly features?: number
  /** Coalitions per run (default 2048). */
  readonly nsamples?: number
  /** Timed runs per configuration after one warm-up (default 3). */
  readonly repeats?: number
  /** Windows per model call to try (default [4096]). */
  readonly maxBatches?: readonly number[]
  /** Bootstrap replicates to try (default [0, 50]: without and with standard errors). */
  readonly bootstraps?: readonly number[]
  /** The window to explain; default a seeded random N(0, 1) window. */
  readonly window?: Float32Array
  /** Default zeros (one reference row). */
  readonly baseline?: Baseline
  readonly seed?: number
}

export interface BenchExplainRow {
  readonly name: string
  readonly players: number
  readonly coalitions: number
  /** Windows evaluated per run (known before running). */
  readonly windows: number
  readonly maxBatch: number
  readonly bootstrap: number
  /** Median wall time of one explanation. */
  readonly seconds: number
  readonly minSeconds: number
  /** Median time spent inside the PredictFn; the rest is the library (masking, regression). */
  readonly modelSeconds: number
  readonly overheadSeconds: number
  readonly windowsPerSecond: number
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export async function benchExplain(
  predict: PredictFn,
  opts: BenchExplainOptions = {}
): Promise<BenchExplainRow[]> {
  const shape = { steps: opts.steps ?? 60, features: opts.features ?? 1 }
  const size = shape.steps * shape.features
  const rng = createRng(opts.seed ?? 42)
  const x = opts.window ?? Float32Array.from({ length: size }, () => rng.normal())
  const baseline = opts.baseline ?? zerosBaseline(shape)
  const game = {
    x,
    baseline: customBaseline(baseline.windows, baseline.count, shape, baseline.kind),
    grouping: timeGrouping(shape)
  }
  const nsamples = opts.nsamples ?? 2048
  const repeats = opts.repeats ?? 3
  let modelTime = 0
  const timed: PredictFn = async (batch, n) => {
    const start = performance.now()
    try {
      return await predict(batch, n)
    } finally {
      modelTime += performance.now() - start
    }
  }

  const rows: BenchExplainRow[] = []
  for (const maxBatch of opts.maxBatches ?? [4096]) {
    for (const bootstrap of opts.bootstraps ?? [0, 50]) {
      const options = { nsamples, bootstrap, maxBatch, seed: opts.seed ?? 42 }
      const plan = planKernelShap(game, options)
      await kernelShap(game, timed, options) // warm-up: JIT and the model's first call
      const walls: number[] = []
      const models: number[] = []
      let coalitions = 0
      for (let r = 0; r < repeats; r++) {
        modelTime = 0
        const start = performance.now()
        const result = await kernelShap(game, timed, options)
        walls.push((performance.now() - start) / 1000)
        models.push(modelTime / 1000)
        coalitions = result.extra.coalitions ?? 0
      }
      const seconds = median(walls)
      const modelSeconds = median(models)
      rows.push({
        name: `kernelshap time T=${shape.steps} F=${shape.features} n=${nsamples} batch=${maxBatch} bootstrap=${bootstrap}`,
        players: game.grouping.players.length,
        coalitions,
        windows: plan.total,
        maxBatch,
        bootstrap,
        seconds,
        minSeconds: Math.min(...walls),
        modelSeconds,
        overheadSeconds: seconds - modelSeconds,
        windowsPerSecond: plan.total / seconds
      })
    }
  }
  return rows
}

import { ExplainAbortedError, ExplainInputError } from './errors'
import type { AbortLike, GradFn, PredictFn, ProgressFn, RunOptions } from './types'

export const DEFAULT_MAX_BATCH = 4096

/**
 * Counts windows evaluated across every model call of one run, reports
 * progress against the planned total and stops at the next call once aborted.
 */
export class CallMeter {
  done = 0
  constructor(
    public total: number,
    private readonly onProgress?: ProgressFn,
    private readonly signal?: AbortLike
  ) {}

  throwIfAborted(): void {
    if (this.signal?.aborted === true) throw new ExplainAbortedError()
  }

  add(windows: number): void {
    this.done += windows
    this.onProgress?.(this.done, Math.max(this.total, this.done))
  }
}

export function meterFor(options: RunOptions, total: number): CallMeter {
  return new CallMeter(total, options.onProgress, options.signal)
}

export function maxBatchOf(options: RunOptions): number {
  const max = options.maxBatch ?? DEFAULT_MAX_BATCH
  if (!Number.isInteger(max) || max < 1) {
    throw new ExplainInputError(`maxBatch must be a positive integer, got ${max}`)
  }
  return max
}

/**
 * Runs a model over `n` windows in calls of at most `maxBatch` windows and
 * concatenates the outputs (`outputsPerWindow` each: 1 for predict, T·F for gradients).
 */
export interface BatchedModel {
  readonly maxBatch: number
  run(batch: Float32Array, n: number): Promise<Float32Array>
}

export function batchedModel(
  fn: PredictFn | GradFn,
  meter: CallMeter,
  maxBatch: number,
  windowSize: number,
  outputsPerWindow: number
): BatchedModel {
  return {
    maxBatch,
    async run(batch: Float32Array, n: number): Promise<Float32Array> {
      const out = new Float32Array(n * outputsPerWindow)
      for (let start = 0; start < n; start += maxBatch) {
        meter.throwIfAborted()
        const count = Math.min(maxBatch, n - start)
        const chunk = batch.subarray(start * windowSize, (start + count) * windowSize)
        const result = await fn(chunk, count)
        if (result.length !== count * outputsPerWindow) {
          throw new ExplainInputError(
            `Model returned ${result.length} values for ${count} windows; expected ${count * outputsPerWindow}`
          )
        }
        out.set(result, start * outputsPerWindow)
        meter.add(count)
      }
      meter.throwIfAborted()
      return out
    }
  }
}

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

interface PendingCall {
  readonly batch: Float32Array
  readonly n: number
  resolve(values: Float32Array): void
  reject(error: unknown): void
}

/** Windows per merged model call: big enough to keep the kernel threads busy, small enough
 * that progress moves and a cancel lands within about a second. */
export const MERGED_WINDOWS = 8192

/**
 * Lets explanations of many windows run side by side and reach the model together: each run's
 * calls wait until every run still going is waiting on the model, then the waiting calls of a
 * function go out merged, in batches of about MERGED_WINDOWS windows (the kernel threads stay
 * busy, per-call costs are paid once); each call resolves as soon as its batch is done, so
 * progress moves, and once aborted the calls not yet sent fail. Runs that finish or fail must
 * call leave(). No timers: a run that awaits something else only delays the merge.
 */
export class ModelBarrier {
  private active: number
  private readonly queues = new Map<PredictFn | GradFn, PendingCall[]>()

  constructor(
    runs: number,
    private readonly signal?: AbortLike
  ) {
    this.active = runs
  }

  /** fn as seen by one run: its calls join the next merged batch. */
  wrap(fn: PredictFn | GradFn): PredictFn {
    return (batch, n) =>
      new Promise<Float32Array>((resolve, reject) => {
        const queue = this.queues.get(fn) ?? []
        this.queues.set(fn, queue)
        queue.push({ batch, n, resolve, reject })
        this.flushIfAllWaiting()
      })
  }

  leave(): void {
    this.active--
    this.flushIfAllWaiting()
  }

  private flushIfAllWaiting(): void {
    let waiting = 0
    for (const queue of this.queues.values()) waiting += queue.length
    if (waiting === 0 || waiting < this.active) return
    for (const [fn, calls] of this.queues) {
      this.queues.delete(fn)
      if (calls.length > 0) void this.send(fn, calls)
    }
  }

  private async send(fn: PredictFn | GradFn, calls: readonly PendingCall[]): Promise<void> {
    let start = 0
    while (start < calls.length) {
      let end = start
      let windows = 0
      while (end < calls.length && (end === start || windows + calls[end]!.n <= MERGED_WINDOWS)) {
        windows += calls[end]!.n
        end++
      }
      const group = calls.slice(start, end)
      if (this.signal?.aborted === true) {
        for (const c of calls.slice(start)) c.reject(new ExplainAbortedError())
        return
      }
      await mergedCall(fn, group)
      start = end
    }
  }
}

async function mergedCall(fn: PredictFn | GradFn, calls: readonly PendingCall[]): Promise<void> {
  const n = calls.reduce((s, c) => s + c.n, 0)
  let batch = calls[0]!.batch
  if (calls.length > 1) {
    batch = new Float32Array(calls.reduce((s, c) => s + c.batch.length, 0))
    let at = 0
    for (const c of calls) {
      batch.set(c.batch, at)
      at += c.batch.length
    }
  }
  try {
    const out = await fn(batch, n)
    const per = out.length / n
    let from = 0
    for (const c of calls) {
      c.resolve(out.subarray(from, from + c.n * per))
      from += c.n * per
    }
  } catch (error) {
    for (const c of calls) c.reject(error)
  }
}

/**
 * Request/response pairing by id, for any transport: the engine client (one
 * process, messages by id) and the renderer's WebSocket host (one socket,
 * responses by id). A call opens an id and gets a promise; replies settle it,
 * progress reaches its listener, and a lost connection fails every call still
 * waiting. Transport-free, so it is the same everywhere and unit-tested alone.
 */
export interface PairingCall<Progress> {
  /** Called for each progress report on this call until it settles. */
  onProgress?: (progress: Progress) => void
}

interface Waiting<Result, Progress> {
  resolve(value: Result): void
  reject(error: unknown): void
  onProgress?: (progress: Progress) => void
}

export class Pairing<Id, Result, Progress = never> {
  private readonly waiting = new Map<Id, Waiting<Result, Progress>>()

  /** Calls still waiting for their reply. */
  get size(): number {
    return this.waiting.size
  }

  /**
   * Wait for the reply to `id`. The id must be fresh: reusing one still
   * waiting would orphan the first caller, so it throws instead.
   */
  open(id: Id, call: PairingCall<Progress> = {}): Promise<Result> {
    if (this.waiting.has(id)) throw new Error(`Request id ${String(id)} is already waiting`)
    return new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, {
        resolve,
        reject,
        ...(call.onProgress ? { onProgress: call.onProgress } : {})
      })
    })
  }

  /** Settle `id` with its reply; false when nothing waits for it (late or unknown id). */
  resolve(id: Id, value: Result): boolean {
    const call = this.take(id)
    call?.resolve(value)
    return call !== undefined
  }

  /** Fail `id`; false when nothing waits for it. */
  reject(id: Id, error: unknown): boolean {
    const call = this.take(id)
    call?.reject(error)
    return call !== undefined
  }

  /** Pass a progress report to `id`'s listener; false when nothing waits for it. */
  progress(id: Id, progress: Progress): boolean {
    const call = this.waiting.get(id)
    call?.onProgress?.(progress)
    return call !== undefined
  }

  /** The connection is gone: every call still waiting fails with `error`. */
  failAll(error: unknown): void {
    const calls = [...this.waiting.values()]
    this.waiting.clear()
    for (const call of calls) call.reject(error)
  }

  private take(id: Id): Waiting<Result, Progress> | undefined {
    const call = this.waiting.get(id)
    this.waiting.delete(id)
    return call
  }
}

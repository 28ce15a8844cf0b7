import type { LoadedRun } from './explain/explain-run'

interface Entry {
  run: Promise<LoadedRun>
  /** Requests using the model now; it is disposed only when none are. */
  users: number
  lastUsed: number
  /** Dropped from the cache (retrained, or evicted) while in use: dispose on last release. */
  dropped: boolean
}

/**
 * Trained runs loaded in the engine (model, data), shared by the requests
 * that use them. Each request holds its run while it works, so a forecast or
 * a plan for another run can never dispose a model an explanation is still
 * using; idle runs beyond `keep` are disposed, least recently used first.
 * Users explain many windows of one model in a row, so a run stays loaded.
 */
export class LoadedRuns {
  private readonly entries = new Map<string, Entry>()
  private clock = 0

  constructor(
    private readonly load: (runDir: string) => Promise<LoadedRun>,
    private readonly keep = 2
  ) {}

  /** Run `work` with the run in `runDir` loaded; it stays loaded until `work` ends. */
  async use<T>(runDir: string, work: (run: LoadedRun) => Promise<T>): Promise<T> {
    let entry = this.entries.get(runDir)
    if (!entry) {
      entry = { run: this.load(runDir), users: 0, lastUsed: 0, dropped: false }
      this.entries.set(runDir, entry)
    }
    entry.users += 1
    entry.lastUsed = ++this.clock
    try {
      const run = await entry.run.catch((error: unknown) => {
        // A failed load is not cached: the next request tries again.
        if (this.entries.get(runDir) === entry) this.entries.delete(runDir)
        throw error
      })
      return await work(run)
    } finally {
      entry.users -= 1
      if (entry.dropped && entry.users === 0) void dispose(entry)
      this.evict()
    }
  }

  /** Forget a run (it is being retrained): disposed now, or when its last user finishes. */
  drop(runDir: string): void {
    const entry = this.entries.get(runDir)
    if (!entry) return
    this.entries.delete(runDir)
    entry.dropped = true
    if (entry.users === 0) void dispose(entry)
  }

  /** How many runs are loaded (tests). */
  get size(): number {
    return this.entries.size
  }

  private evict(): void {
    while (this.entries.size > this.keep) {
      const idle = [...this.entries].filter(([, e]) => e.users === 0)
      if (idle.length === 0) return
      const [dir] = idle.reduce((a, b) => (b[1].lastUsed < a[1].lastUsed ? b : a))
      this.drop(dir)
    }
  }
}

async function dispose(entry: Entry): Promise<void> {
  const run = await entry.run.catch(() => null)
  run?.model.dispose()
}

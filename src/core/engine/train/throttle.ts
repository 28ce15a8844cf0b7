/**
 * Lets an event through at most once per interval (tfjs' yieldEvery idea), so
 * a fast training loop sends ~10 progress messages a second, not thousands.
 * The clock is injectable for tests.
 */
export class Throttle {
  private last = -Infinity

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now()
  ) {}

  /** True when enough time has passed since the last event that was let through. */
  ready(): boolean {
    const t = this.now()
    if (t - this.last < this.intervalMs) return false
    this.last = t
    return true
  }
}

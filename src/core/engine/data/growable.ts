/** A Float64Array that grows by doubling: columns of million-row files without boxed numbers. */
export class GrowableFloat64 {
  private buffer: Float64Array
  private size = 0

  constructor(initialCapacity = 1024) {
    this.buffer = new Float64Array(initialCapacity)
  }

  get length(): number {
    return this.size
  }

  push(value: number): void {
    if (this.size === this.buffer.length) {
      const next = new Float64Array(this.buffer.length * 2)
      next.set(this.buffer)
      this.buffer = next
    }
    this.buffer[this.size++] = value
  }

  /** The filled part, trimmed to size (a copy, so the growth buffer can be dropped). */
  toArray(): Float64Array {
    return this.buffer.slice(0, this.size)
  }
}

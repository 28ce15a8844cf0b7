import { createRng } from '../../../src/explain/rng'
import { INVOKE_CHANNELS } from '../../../src/shared/ipc-contract'

/** Random JSON-ish values and request envelopes from a seed: the same run every time. */
export class Fuzz {
  private readonly next: () => number

  constructor(seed: number) {
    const rng = createRng(seed)
    this.next = () => rng.next()
  }

  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  string(): string {
    return this.pick([
      () => '',
      () => 'co2',
      () => '../'.repeat(1 + this.int(5)) + 'etc/passwd',
      () => 'x'.repeat(this.int(2000)),
      () =>
        String.fromCharCode(...Array.from({ length: 1 + this.int(20) }, () => this.int(0xffff))),
      () => this.pick(INVOKE_CHANNELS),
      () => '2026-01-01T00-00-00-000-abcdef',
      () => '__proto__',
      () => '\u0000\ud800'
    ])()
  }

  number(): number {
    return this.pick([0, -1, 1, 0.5, 1e308, -1e308, 2 ** 53, 42, Number.MIN_VALUE, 7])
  }

  value(depth = 0): unknown {
    const kind = this.int(depth > 3 ? 4 : 7)
    switch (kind) {
      case 0:
        return null
      case 1:
        return this.chance(0.5)
      case 2:
        return this.number()
      case 3:
        return this.string()
      case 4:
        return Array.from({ length: this.int(5) }, () => this.value(depth + 1))
      case 5:
        return this.object(depth + 1)
      default:
        return undefined
    }
  }

  /** An object built from the contract's field names, so validation goes deeper than the top. */
  object(depth = 0): Record<string, unknown> {
    const keys = [
      'runId',
      'datasetId',
      'path',
      'name',
      'text',
      'columns',
      'maxPoints',
      'timeColumn',
      'job',
      'data',
      'model',
      'explanationIds',
      'format',
      'chart',
      'target',
      'window',
      'method',
      'level',
      'index',
      'samples',
      'constructor',
      '__proto__'
    ]
    const out: Record<string, unknown> = {}
    const count = this.int(5)
    for (let i = 0; i < count; i++) {
      const key = this.pick(keys)
      const value =
        key === 'job' || key === 'data' || key === 'model'
          ? this.chance(0.5)
            ? {}
            : this.value(depth + 1)
          : this.value(depth + 1)
      Object.defineProperty(out, key, { value, enumerable: true, writable: true })
    }
    return out
  }

  /** One WebSocket message: mostly envelopes for real channels, some garbage. */
  message(id: number): { data: string | Buffer; answerable: boolean } {
    const roll = this.int(10)
    if (roll === 0) return { data: JSON.stringify(this.value() ?? null), answerable: false }
    if (roll === 1) {
      return {
        data: Buffer.from(Array.from({ length: this.int(300) }, () => this.int(256))),
        answerable: false
      }
    }
    const channel = roll === 2 ? this.string() : this.pick(INVOKE_CHANNELS)
    const payload = this.chance(0.3) ? this.value() : this.object()
    return { data: JSON.stringify({ id, channel, payload }), answerable: true }
  }
}

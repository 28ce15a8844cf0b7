import type { TrainProgress } from '../shared/domain'

/** A one-line progress bar redrawn in place on a terminal; silent elsewhere. */
export class ProgressLine {
  private drawn = false

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly enabled: boolean
  ) {}

  update(p: Omit<TrainProgress, 'runId'>): void {
    if (!this.enabled) return
    const width = 24
    const done = ((p.epoch - 1) * p.batches + p.batch) / (p.epochs * p.batches)
    const filled = Math.round(done * width)
    const eta = p.etaSeconds === null ? '' : `  eta ${formatSeconds(p.etaSeconds)}`
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batches}  loss ${p.batchLoss.toFixed(5)}  ${Math.round(p.windowsPerSecond)} win/s${eta}`
    this.out.write(`\r${line.slice(0, (this.out.columns || 120) - 1)}\x1b[K`)
    this.drawn = true
  }

  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K')
    this.drawn = false
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)}s`
  const m = Math.floor(s / 60)
  return m < 60
    ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`
}

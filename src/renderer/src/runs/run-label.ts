import type { RunSummary } from '@shared/domain'
import { formatDate } from '../format'

/** What a run is called in the UI: its name, else when it was created. */
export function runLabel(run: Pick<RunSummary, 'name' | 'createdAt'>, locale: string): string {
  return run.name ?? formatDate(locale, run.createdAt, true)
}

/** Badge class per status; unknown (newer) statuses read as a problem. */
export function statusClass(status: string): string {
  if (status === 'done') return 'badge-ok'
  if (status === 'running') return 'badge-live'
  if (status === 'cancelled') return 'badge-muted'
  return 'badge-bad'
}

/** One colour per compared run, in order (colour-blind-friendly, distinct from the actuals' near-black). */
export const RUN_COLOURS = [
  '#1f6feb',
  '#d4701b',
  '#8250df',
  '#1a7f37',
  '#bf3989',
  '#0a7d6f',
  '#9a6700',
  '#cf222e'
] as const

export function runColour(i: number): string {
  return RUN_COLOURS[i % RUN_COLOURS.length] as string
}

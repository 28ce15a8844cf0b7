/**
 * Schema versions of the files Hindsight writes. Each JSON file names its
 * format as `hindsight.<kind>/<n>`; readers accept every version up to the
 * current one (migrating older ones as they read) and refuse newer ones with
 * a message, rather than misreading them. Files from before versions existed
 * (no `format`) are version 1.
 */
export const FORMATS = {
  /** run.json. v1: no `format` field (before 2026-11-29); v2: `format` added. */
  run: 'hindsight.run/2',
  /** Every line of history.jsonl; v1 lines have no format. */
  history: 'hindsight.history/1',
  /** model/model.json, in tfjs' userDefinedMetadata (tfjs ignores it). */
  model: 'hindsight.model/1',
  /** checkpoints/<best|last>/model.json, same place. */
  checkpoint: 'hindsight.checkpoint/1',
  /** Workspace files: recent.json, export-dir.json, workspace.lock. */
  workspace: 'hindsight.workspace/1'
} as const

export type FormatKind = keyof typeof FORMATS

/** The version number of a format string of this kind; 1 when absent; null when not ours. */
export function formatVersion(kind: FormatKind, format: unknown): number | null {
  if (format === undefined) return 1
  if (typeof format !== 'string') return null
  const prefix = FORMATS[kind].slice(0, FORMATS[kind].indexOf('/') + 1)
  if (!format.startsWith(prefix)) return null
  const n = Number(format.slice(prefix.length))
  return Number.isInteger(n) && n >= 1 ? n : null
}

export function currentVersion(kind: FormatKind): number {
  return formatVersion(kind, FORMATS[kind])!
}

/** Why a file of this kind cannot be read by this version, or null when it can. */
export function unreadableFormat(kind: FormatKind, format: unknown, file: string): string | null {
  const version = formatVersion(kind, format)
  if (version === null) return `${file} has an unknown format (${JSON.stringify(format)}).`
  if (version > currentVersion(kind)) {
    return `${file} was written by a newer version of Hindsight (${String(format)}); update the app to open it.`
  }
  return null
}

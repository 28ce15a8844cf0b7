/**
 * Bounds on what the importer accepts, so that a hostile or broken file ends
 * in a clear message rather than an exhausted engine. Messages quote at most
 * QUOTE_CHARS of any cell or header.
 */
export const CSV_LIMITS = {
  /** Largest file opened (bytes); uploads are bounded separately by the contract. */
  maxFileBytes: 1024 * 1024 * 1024,
  /** Longest single field (characters). */
  maxFieldChars: 64 * 1024,
  /** Most columns in a row. */
  maxColumns: 2000,
  /** Longest record (characters, quoted newlines included). */
  maxRecordChars: 1024 * 1024
} as const

export type CsvLimits = { readonly [K in keyof typeof CSV_LIMITS]: number }

export const QUOTE_CHARS = 40

/** A cell or header as a message shows it: at most `max` characters, cut with an ellipsis. */
export function quoteText(text: string, max = QUOTE_CHARS): string {
  const clean = text.replace(/[\r\n\t]+/g, ' ')
  return `"${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}"`
}

/** 1536 → "1.5 KB"; sizes in messages are read by people. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toFixed(digits)} ${units[unit]}`
}

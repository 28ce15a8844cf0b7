/** The choices the import panel offers, with the i18n keys that name them. */
export const DELIMITERS = [
  { value: ',', label: 'explore.import.comma' },
  { value: ';', label: 'explore.import.semicolon' },
  { value: '\t', label: 'explore.import.tab' },
  { value: '|', label: 'explore.import.pipe' }
] as const

export const DECIMALS = [
  { value: '.', label: 'explore.import.dot' },
  { value: ',', label: 'explore.import.decimalComma' }
] as const

export const ENCODINGS = [
  { value: 'utf-8', label: 'explore.import.utf8' },
  { value: 'latin-1', label: 'explore.import.latin1' }
] as const

export const DATE_FORMATS_UI = ['iso', 'dmy', 'mdy', 'unix-s', 'unix-ms', 'year'] as const

/** Whole and half hours from UTC−12 to UTC+14, labelled as offsets. */
export const UTC_OFFSETS = Array.from({ length: 53 }, (_, i) => {
  const minutes = (i - 24) * 30
  const sign = minutes < 0 ? '−' : '+'
  const abs = Math.abs(minutes)
  const label = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return { minutes, label }
})

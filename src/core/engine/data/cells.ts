/** Text that means "no value" in CSVs exported from spreadsheets, R and pandas. */
const MISSING_TOKENS = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '#n/a', '-'])

export type DecimalSeparator = '.' | ','

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const COMMA_DECIMAL = /^[+-]?\d+,\d+$/
const COMMA_DECIMAL_GROUPED = /^[+-]?\d{1,3}(?:[. \u00a0]\d{3})+(?:,\d+)?$/
const DOT_DECIMAL_GROUPED = /^[+-]?\d{1,3}(?:[, \u00a0]\d{3})+(?:\.\d+)?$/

/**
 * One cell as a number: NaN when it is missing, null when it is not a number.
 * With a comma as decimal separator (much of Europe), "1,5" is 1.5 and
 * "1.234,5" is 1234.5; with a dot, "1,234.5" (a quoted spreadsheet export)
 * is 1234.5. Hex, Infinity and bare signs are not data values.
 */
export function parseNumber(text: string, decimal: DecimalSeparator): number | null {
  let s = text
  if (decimal === ',') return parseCommaDecimal(s)
  // Fast path: most cells are plain numbers without spaces.
  if (PLAIN.test(s)) return Number(s)
  s = s.trim()
  if (MISSING_TOKENS.has(s.toLowerCase())) return NaN
  if (PLAIN.test(s)) return Number(s)
  if (DOT_DECIMAL_GROUPED.test(s)) return Number(s.replace(/[, \u00a0]/g, ''))
  return null
}

/** With a decimal comma a dot groups thousands: "1.100" is 1100, "1.234,5" is 1234.5. */
function parseCommaDecimal(text: string): number | null {
  const s = text.trim()
  if (MISSING_TOKENS.has(s.toLowerCase())) return NaN
  if (COMMA_DECIMAL_GROUPED.test(s)) return Number(s.replace(/[. \u00a0]/g, '').replace(',', '.'))
  if (COMMA_DECIMAL.test(s)) return Number(s.replace(',', '.'))
  if (PLAIN.test(s)) return Number(s)
  return null
}

/** Whether a cell reads as a number with a comma decimal separator, as a dot one, or neither. */
export function decimalEvidence(text: string): DecimalSeparator | null {
  const s = text.trim()
  if (COMMA_DECIMAL.test(s) || /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/.test(s)) return ','
  if (/^[+-]?\d*\.\d+$/.test(s) || /^[+-]?\d{1,3}(?:,\d{3})+\.\d+$/.test(s)) return '.'
  return null
}

/** Numbers for people: 4 significant digits, exponent form for very small or large values. */
export function formatNumber(v: number, digits = 4): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞'
  if (v === 0) return '0'
  const a = Math.abs(v)
  const text =
    a >= 1e-3 && a < 1e6
      ? trimZeros(v.toPrecision(digits))
      : v.toExponential(Math.max(0, digits - 2))
  return text.replace(/^-/, '−')
}

function trimZeros(text: string): string {
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text
}

export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100, 3)} %`
}

/**
 * Chart labels come from user files: keep them to a readable length, cutting
 * the middle so that names differing only at the end ('sensor_12', 'sensor_13')
 * stay apart.
 */
export function truncate(text: string, max = 40): string {
  if (text.length <= max) return text
  const tail = Math.floor((max - 1) / 3)
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`
}

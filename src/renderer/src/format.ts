/** Numbers, dates and durations in the UI's locale. */
import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

// Building an Intl formatter costs far more than using one: keep them.
const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)))
  return format
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)))
  return format
}

export function formatNumber(locale: string, value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e7)) {
    return numberFormat(locale, { notation: 'scientific', maximumFractionDigits: 3 }).format(value)
  }
  return numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(
    value
  )
}

export function formatInteger(locale: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value)
}

export function formatPercent(locale: string, fraction: number, digits = 1): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(fraction)
}

/** A date-like string from the data (e.g. 1958-03-01) or an ISO timestamp, or the text as given. */
export function formatDate(
  locale: string,
  text: string | null | undefined,
  withTime = false
): string {
  if (text === null || text === undefined || text === '') return '—'
  if (!/^\d{4}-\d{2}(-\d{2})?([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) return text
  const date = new Date(text.length === 7 ? `${text}-01` : text)
  if (Number.isNaN(date.getTime())) return text
  const dateOnly = text.length <= 10
  return dateFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(withTime && !dateOnly ? { hour: '2-digit', minute: '2-digit' } : {}),
    ...(dateOnly ? { timeZone: 'UTC' } : {})
  }).format(date)
}

/** Seconds as h:mm:ss or m:ss. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) {
    return '—'
  }
  const total = Math.round(seconds)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m)
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

export function useFormat() {
  const { locale } = useI18n()
  const current = computed(() => locale.value)
  return {
    locale: current,
    num: (value: number | null | undefined, digits?: number) =>
      formatNumber(current.value, value, digits),
    int: (value: number | null | undefined) => formatInteger(current.value, value),
    pct: (fraction: number, digits?: number) => formatPercent(current.value, fraction, digits),
    date: (text: string | null | undefined, withTime?: boolean) =>
      formatDate(current.value, text, withTime),
    duration: formatDuration
  }
}

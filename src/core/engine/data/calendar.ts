import { assertNever } from '../../../shared/assert-never'

/**
 * The time axis's step and calendar: the typical step, counted in
 * milliseconds, calendar months or business days, and the steps that break
 * it. A daily series of trading days (no weekends, a few holidays) is on a
 * business-day calendar: Friday → Monday is one step, not a gap.
 */
export type StepUnit = 'ms' | 'month' | 'business-day'

export interface TimeSteps {
  readonly unit: StepUnit
  /** The typical step in `unit`s (the commonest one). */
  readonly size: number
  /** Steps that differ from the typical one. */
  readonly irregularSteps: number
  /** Stamps the calendar expects but the file lacks (gaps of whole steps). */
  readonly missingStamps: number
  /** The first rows (0-based, of the later stamp) where the step breaks; at most MAX_BREAKS. */
  readonly breaks: readonly number[]
}

export const MAX_BREAKS = 5
const DAY_MS = 86_400_000

export function analyseSteps(time: Float64Array): TimeSteps | null {
  if (time.length < 3) return null
  const unit: StepUnit = sameDayOfMonth(time)
    ? 'month'
    : isBusinessDays(time)
      ? 'business-day'
      : 'ms'
  const step = stepFunction(unit)
  const counts = new Map<number, number>()
  for (let i = 1; i < time.length; i++) {
    const s = step(time[i - 1]!, time[i]!)
    counts.set(s, (counts.get(s) ?? 0) + 1)
  }
  let size = 0
  let top = -1
  for (const [s, c] of counts) if (c > top || (c === top && s < size)) [size, top] = [s, c]
  let irregular = 0
  let missing = 0
  const breaks: number[] = []
  for (let i = 1; i < time.length; i++) {
    const s = step(time[i - 1]!, time[i]!)
    if (s === size) continue
    irregular += 1
    if (breaks.length < MAX_BREAKS) breaks.push(i)
    if (size > 0 && s > size && Number.isInteger(s / size)) missing += s / size - 1
  }
  return { unit, size, irregularSteps: irregular, missingStamps: missing, breaks }
}

function stepFunction(unit: StepUnit): (a: number, b: number) => number {
  switch (unit) {
    case 'ms':
      return (a, b) => b - a
    case 'month':
      return (a, b) => {
        const x = new Date(a)
        const y = new Date(b)
        return (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + (y.getUTCMonth() - x.getUTCMonth())
      }
    case 'business-day':
      return businessDaysBetween
    default:
      return assertNever(unit, 'step unit')
  }
}

/** Every stamp on the same day of the month at midnight: months vary in days, so count months. */
function sameDayOfMonth(time: Float64Array): boolean {
  const first = new Date(time[0]!)
  let longSteps = 0
  for (let i = 0; i < time.length; i++) {
    const d = new Date(time[i]!)
    if (d.getUTCDate() !== first.getUTCDate() || time[i]! % DAY_MS !== 0) return false
    if (i > 0 && time[i]! - time[i - 1]! >= 28 * DAY_MS) longSteps += 1
  }
  return longSteps > 0
}

/**
 * Daily stamps at one time of day that never fall on a weekend, where most
 * steps are one day and some span a weekend: a business-day calendar.
 */
export function isBusinessDays(time: Float64Array): boolean {
  const timeOfDay = time[0]! - Math.floor(time[0]! / DAY_MS) * DAY_MS
  let oneDay = 0
  let weekendSpans = 0
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!
    if (t - Math.floor(t / DAY_MS) * DAY_MS !== timeOfDay) return false
    const weekday = new Date(t).getUTCDay()
    if (weekday === 0 || weekday === 6) return false
    if (i === 0) continue
    const days = (t - time[i - 1]!) / DAY_MS
    if (days === 1) oneDay += 1
    else if (days === 3 && weekday === 1) weekendSpans += 1
  }
  return weekendSpans > 0 && oneDay >= 0.6 * (time.length - 1)
}

/** Weekdays after `a` up to and including `b` (Friday → Monday is 1). */
export function businessDaysBetween(a: number, b: number): number {
  const dayA = Math.floor(a / DAY_MS)
  const dayB = Math.floor(b / DAY_MS)
  if (dayB <= dayA) return dayB - dayA
  const weekdayOf = (day: number): number => (((day + 4) % 7) + 7) % 7 // 1970-01-01: Thursday
  const days = dayB - dayA
  const weeks = Math.floor(days / 7)
  let count = weeks * 5
  for (let d = dayA + weeks * 7 + 1; d <= dayB; d++) {
    const w = weekdayOf(d)
    if (w !== 0 && w !== 6) count += 1
  }
  return count
}

/**
 * Rows in from..to (of the later stamp) where time jumps by more than the
 * typical step, on the series' calendar: where a chart's line must break.
 * At most `limit`, the first ones.
 */
export function gapRows(
  time: Float64Array,
  steps: TimeSteps,
  from: number,
  to: number,
  limit: number
): number[] {
  const step = stepFunction(steps.unit)
  const out: number[] = []
  for (let i = Math.max(1, from + 1); i <= to && out.length < limit; i++) {
    if (step(time[i - 1]!, time[i]!) > steps.size) out.push(i)
  }
  return out
}

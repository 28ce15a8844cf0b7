import { describe, expect, it } from 'vitest'
import {
  analyseSteps,
  businessDaysBetween,
  isBusinessDays
} from '../../../src/core/engine/data/calendar'

const DAY = 86_400_000
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`)

/** Reference: walk day by day and count weekdays in (a, b]. */
function enumerateWeekdays(a: number, b: number): number {
  let n = 0
  for (let t = a + DAY; t <= b; t += DAY) {
    const w = new Date(t).getUTCDay()
    if (w !== 0 && w !== 6) n += 1
  }
  return n
}

/** Trading days of 2019–2022: weekdays less the given holidays. */
function tradingDays(holidays: string[]): Float64Array {
  const skip = new Set(holidays.map(day))
  const out: number[] = []
  for (let t = day('2019-01-01'); t <= day('2022-12-30'); t += DAY) {
    const w = new Date(t).getUTCDay()
    if (w !== 0 && w !== 6 && !skip.has(t)) out.push(t)
  }
  return Float64Array.from(out)
}

describe('business days', () => {
  it('counts weekdays between two dates as day-by-day enumeration does', () => {
    const start = day('1969-12-20')
    for (let i = 0; i < 60; i++) {
      for (const span of [0, 1, 2, 3, 6, 7, 8, 13, 30, 365]) {
        const a = start + i * 5 * DAY
        expect(businessDaysBetween(a, a + span * DAY)).toBe(enumerateWeekdays(a, a + span * DAY))
      }
    }
  })

  it('recognises a trading-day series and counts holidays as its only gaps', () => {
    const holidays = ['2019-07-04', '2019-12-25', '2020-01-01', '2021-11-25', '2022-07-04']
    const time = tradingDays(holidays)
    expect(isBusinessDays(time)).toBe(true)
    const steps = analyseSteps(time)!
    expect(steps.unit).toBe('business-day')
    expect(steps.size).toBe(1)
    expect(steps.irregularSteps).toBe(holidays.length)
    expect(steps.missingStamps).toBe(holidays.length)
    expect(steps.breaks.map((r) => new Date(time[r]!).toISOString().slice(0, 10))).toEqual([
      '2019-07-05',
      '2019-12-26',
      '2020-01-02',
      '2021-11-26',
      '2022-07-05'
    ])
  })

  it('does not call calendar-day data a business-day calendar', () => {
    const daily = Float64Array.from({ length: 100 }, (_, i) => day('2020-01-01') + i * DAY)
    expect(isBusinessDays(daily)).toBe(false)
    expect(analyseSteps(daily)).toMatchObject({ unit: 'ms', size: DAY, irregularSteps: 0 })
  })
})

describe('analyseSteps', () => {
  it('counts monthly steps in months and a missing month as one gap', () => {
    const months = ['2020-01-01', '2020-02-01', '2020-03-01', '2020-05-01', '2020-06-01']
    const steps = analyseSteps(Float64Array.from(months.map(day)))!
    expect(steps).toMatchObject({ unit: 'month', size: 1, irregularSteps: 1, missingStamps: 1 })
    expect(steps.breaks).toEqual([3])
  })

  it('counts hourly gaps in hours', () => {
    const hours = [0, 1, 2, 5, 6, 7].map((h) => h * 3_600_000)
    expect(analyseSteps(Float64Array.from(hours))).toMatchObject({
      unit: 'ms',
      size: 3_600_000,
      irregularSteps: 1,
      missingStamps: 2
    })
  })
})

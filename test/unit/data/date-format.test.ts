import { describe, expect, it } from 'vitest'
import { detectDateFormat, parseTime } from '../../../src/core/engine/data/date-format'

const utc = (y: number, m: number, d: number, h = 0, mi = 0): number => Date.UTC(y, m - 1, d, h, mi)

describe('detectDateFormat', () => {
  it('tells ISO, day-first and month-first apart by a part above 12', () => {
    expect(detectDateFormat(['2020-01-31', '2020-02-01'], 'date')?.format).toBe('iso')
    expect(detectDateFormat(['31/01/2020', '01/02/2020'], 'date')).toMatchObject({
      format: 'dmy',
      ambiguous: false
    })
    expect(detectDateFormat(['01/31/2020', '02/01/2020'], 'date')).toMatchObject({
      format: 'mdy',
      ambiguous: false
    })
  })

  it('decides an ambiguous sample by the regularity of its steps, and says it was ambiguous', () => {
    // Read month-first these are 2 Jan, 2 Feb, 2 Apr, 2 Jun: steps of 1, 2 and 2 months.
    // Read day-first they are 1, 2, 4, 6 February: steps of 1, 2 and 2 days. Both fit every
    // cell; day-first has two distinct step lengths against month-first's three (31, 60, 61 days).
    const sample = ['01/02/2020', '02/02/2020', '04/02/2020', '06/02/2020']
    expect(detectDateFormat(sample, 'date')).toMatchObject({ format: 'dmy', ambiguous: true })
    const usSample = ['02/01/2020', '02/02/2020', '02/04/2020', '02/06/2020']
    expect(detectDateFormat(usSample, 'date')).toMatchObject({ format: 'mdy', ambiguous: true })
  })

  it('reads Unix seconds and milliseconds only under a time-like name', () => {
    expect(detectDateFormat(['1577836800', '1577923200'], 'timestamp')?.format).toBe('unix-s')
    expect(detectDateFormat(['1577836800000', '1577923200000'], 'time')?.format).toBe('unix-ms')
    expect(detectDateFormat(['1577836800', '1577923200'], 'volume')).toBeNull()
  })

  it('notices stamps that carry a zone', () => {
    expect(detectDateFormat(['2020-01-01T10:00:00+02:00'], 'time')?.zoned).toBe(true)
    expect(detectDateFormat(['2020-01-01T10:00:00'], 'time')?.zoned).toBe(false)
  })
})

describe('parseTime', () => {
  it('reads each format as UTC epoch milliseconds', () => {
    expect(parseTime('2020-03-04', 'iso')?.ms).toBe(utc(2020, 3, 4))
    expect(parseTime('2020-03-04 05:06', 'iso')).toMatchObject({
      ms: utc(2020, 3, 4, 5, 6),
      hasClock: true
    })
    expect(parseTime('04/03/2020', 'dmy')?.ms).toBe(utc(2020, 3, 4))
    expect(parseTime('03/04/2020', 'mdy')?.ms).toBe(utc(2020, 3, 4))
    expect(parseTime('04.03.2020 13:30', 'dmy')?.ms).toBe(utc(2020, 3, 4, 13, 30))
    expect(parseTime('1583280000', 'unix-s')?.ms).toBe(utc(2020, 3, 4))
    expect(parseTime('1583280000000', 'unix-ms')?.ms).toBe(utc(2020, 3, 4))
  })

  it('applies a written zone, or the user-given offset to stamps without one', () => {
    expect(parseTime('2020-03-04T12:00:00+02:00', 'iso')?.ms).toBe(utc(2020, 3, 4, 10))
    expect(parseTime('2020-03-04T12:00:00Z', 'iso', 120)?.ms).toBe(utc(2020, 3, 4, 12))
    expect(parseTime('2020-03-04T12:00:00', 'iso', 120)?.ms).toBe(utc(2020, 3, 4, 10))
    expect(parseTime('2020-03-04T12:00:00', 'iso', -300)?.ms).toBe(utc(2020, 3, 4, 17))
  })

  it('rejects impossible dates and other formats', () => {
    expect(parseTime('2021-02-30', 'iso')).toBeNull()
    expect(parseTime('13/13/2020', 'dmy')).toBeNull()
    expect(parseTime('2020-01-01', 'dmy')).toBeNull()
    expect(parseTime('12:99', 'iso')).toBeNull()
  })
})

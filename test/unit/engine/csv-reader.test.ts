import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { getColumn } from '../../../src/core/engine/data/table'
import { UserFacingError } from '../../../src/core/errors'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

async function csv(name: string, text: string): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}

async function failure(path: string): Promise<UserFacingError> {
  try {
    await readCsv(path)
  } catch (e) {
    if (e instanceof UserFacingError) return e
    throw e
  }
  throw new Error('expected readCsv to fail')
}

describe('readCsv on the real datasets', () => {
  it('reads the CO2 series: date axis, two numeric columns, five missing months', async () => {
    const t = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
    expect(t.rows).toBe(746)
    expect(t.timeColumn).toBe('date')
    expect(t.columns.map((c) => c.name)).toEqual(['co2', 'co2_adjusted'])
    const co2 = getColumn(t, 'co2')!
    expect(co2.numeric).toBe(true)
    expect(co2.missing).toBe(5)
    expect(co2.values[0]).toBeCloseTo(315.7, 10)
    expect(new Date(t.time![0]!).toISOString()).toBe('1958-03-01T00:00:00.000Z')
    expect(new Date(t.time![745]!).toISOString()).toBe('2020-04-01T00:00:00.000Z')
    expect(t.lines[0]).toBe(2)
  })

  it('reads the weather series with four covariates', async () => {
    const t = await readCsv(datasetPath('seattle_weather_daily.csv'))
    expect(t.rows).toBe(1461)
    expect(t.columns.filter((c) => c.numeric).map((c) => c.name)).toEqual([
      'precipitation',
      'temp_max',
      'temp_min',
      'wind'
    ])
  })
})

describe('readCsv input handling', () => {
  it('strips a BOM and accepts CRLF line endings', async () => {
    const t = await readCsv(
      await csv('bom.csv', '\uFEFFdate,v\r\n2020-01-01,1\r\n2020-01-02,2\r\n')
    )
    expect(t.timeColumn).toBe('date')
    expect(Array.from(getColumn(t, 'v')!.values)).toEqual([1, 2])
  })

  it('detects semicolons with decimal commas', async () => {
    const t = await readCsv(
      await csv('semi.csv', 'date;v;w\n2020-01-01;1,5;2\n2020-01-02;2,25;3\n')
    )
    expect(Array.from(getColumn(t, 'v')!.values)).toEqual([1.5, 2.25])
  })

  it('indexes rows by position when there is no date column', async () => {
    const t = await readCsv(await csv('nodate.csv', 'a,b\n1,2\n3,4\n5,6\n'))
    expect(t.timeColumn).toBeNull()
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b'])
  })

  it('treats NA and empty cells as missing', async () => {
    const t = await readCsv(
      await csv('na.csv', 'date,v\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,\n')
    )
    const v = getColumn(t, 'v')!
    expect(v.numeric).toBe(true)
    expect(v.missing).toBe(2)
  })

  it('rejects an empty file', async () => {
    const e = await failure(await csv('empty.csv', ''))
    expect(e.code).toBe('empty-file')
    expect(e.message).toContain('empty.csv is empty')
  })

  it('rejects a header without rows', async () => {
    expect((await failure(await csv('header.csv', 'date,v\n'))).code).toBe('no-rows')
  })

  it('rejects a file with no numeric column', async () => {
    const e = await failure(await csv('text.csv', 'date,name\n2020-01-01,a\n2020-01-02,b\n'))
    expect(e.code).toBe('no-numeric-column')
  })

  it('explains a wrong delimiter', async () => {
    const e = await failure(await csv('space.csv', 'date value\n2020-01-01 1\n2020-01-02 2\n'))
    expect(e.code).toBe('no-numeric-column')
    expect(e.message).toMatch(/name contains "space"/)
  })

  it('names the line of a ragged row', async () => {
    const e = await failure(await csv('ragged.csv', 'date,v\n2020-01-01,1\n2020-01-02,2,9\n'))
    expect(e.code).toBe('ragged-row')
    expect(e.row).toBe(3)
    expect(e.message).toContain('line 3')
  })

  it('names a duplicate timestamp', async () => {
    const e = await failure(
      await csv('dup.csv', 'date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-02,3\n')
    )
    expect(e.code).toBe('duplicate-time')
    expect(e.row).toBe(4)
    expect(e.column).toBe('date')
  })

  it('names unsorted timestamps', async () => {
    const e = await failure(await csv('unsorted.csv', 'date,v\n2020-01-02,1\n2020-01-01,2\n'))
    expect(e.code).toBe('unsorted-time')
    expect(e.row).toBe(3)
  })

  it('records the first non-numeric cell of a column', async () => {
    const t = await readCsv(await csv('bad.csv', 'date,v,w\n2020-01-01,1,1\n2020-01-02,oops,2\n'))
    const v = getColumn(t, 'v')!
    expect(v.numeric).toBe(false)
    expect(v.firstBad).toEqual({ line: 3, text: 'oops' })
    expect(getColumn(t, 'w')!.numeric).toBe(true)
  })

  it('rejects duplicate and empty header names', async () => {
    expect((await failure(await csv('duph.csv', 'a,a\n1,2\n'))).message).toContain(
      '"a" appears twice'
    )
    expect((await failure(await csv('emptyh.csv', 'a,\n1,2\n'))).message).toContain(
      'column 2 has no name'
    )
  })

  it('honours a chosen time column and "no time column"', async () => {
    const path = await csv('two.csv', 'id,when,v\n1,2020-01-01,5\n2,2020-01-02,6\n3,2020-01-03,7\n')
    expect((await readCsv(path)).timeColumn).toBe('when')
    const none = await readCsv(path, 'two.csv', { timeColumn: null })
    expect(none.timeColumn).toBeNull()
    const e = await readCsv(path, 'two.csv', { timeColumn: 'id' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(UserFacingError)
    expect((e as UserFacingError).code).toBe('bad-time')
  })

  it('streams a 1,000,000-row file without holding it as text', async () => {
    const path = join(dir, 'million.csv')
    const lines = ['date,value,other']
    const start = Date.UTC(2000, 0, 1)
    for (let i = 0; i < 1_000_000; i++) {
      lines.push(`${new Date(start + i * 60_000).toISOString()},${(i % 997) / 7},${i}`)
    }
    await writeFile(path, lines.join('\n') + '\n')
    lines.length = 0
    global.gc?.()
    const before = process.memoryUsage().rss
    const t = await readCsv(path)
    const grown = process.memoryUsage().rss - before
    expect(t.rows).toBe(1_000_000)
    expect(t.timeHasClock).toBe(true)
    expect(getColumn(t, 'other')!.values[999_999]).toBe(999_999)
    // ~50 MB of text; columns are 3 × 8 MB of Float64. Text or boxed cells would be far more.
    expect(grown).toBeLessThan(400 * 1024 * 1024)
  }, 120_000)
})

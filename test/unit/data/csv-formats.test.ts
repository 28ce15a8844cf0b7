import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { getColumn } from '../../../src/core/engine/data/table'
import type { UserFacingError } from '../../../src/core/errors'
import { tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

async function file(name: string, content: string | Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, content)
  return path
}

const values = (t: Awaited<ReturnType<typeof readCsv>>, c: string): number[] =>
  Array.from(getColumn(t, c)!.values)
const isoDays = (t: Awaited<ReturnType<typeof readCsv>>): string[] =>
  Array.from(t.time!, (ms) => new Date(ms).toISOString().slice(0, 10))

describe('readCsv adapts to the file', () => {
  it('reads a European export: semicolons, decimal commas, day-first dates, Latin-1 header', async () => {
    const header = Buffer.from('Datum;Température;Menge\n', 'latin1')
    const body = Buffer.from('31.01.2021;1,5;1.234,5\n01.02.2021;2,25;3\n02.02.2021;-0,5;4\n')
    const t = await readCsv(await file('eu.csv', Buffer.concat([header, body])))
    expect(t.import).toMatchObject({
      encoding: 'latin-1',
      delimiter: ';',
      decimal: ',',
      dateFormat: 'dmy'
    })
    expect(t.timeColumn).toBe('Datum')
    expect(isoDays(t)).toEqual(['2021-01-31', '2021-02-01', '2021-02-02'])
    expect(values(t, 'Température')).toEqual([1.5, 2.25, -0.5])
    expect(values(t, 'Menge')).toEqual([1234.5, 3, 4])
  })

  it('honours overrides of the detected dialect and date format', async () => {
    const path = await file('us.csv', 'when;v;w\n02/03/2021;1,5;1\n02/04/2021;2;2\n')
    const detected = await readCsv(path)
    expect(detected.import?.dateFormat).toBe('dmy')
    const t = await readCsv(path, 'us.csv', { dateFormat: 'mdy', decimal: '.' })
    expect(isoDays(t)).toEqual(['2021-02-03', '2021-02-04'])
    expect(getColumn(t, 'v')!.numeric).toBe(false) // "1,5" is not a number with a dot decimal
  })

  it('reads UTF-8 with a BOM, and keeps a Latin-1 byte after the first 64 KB', async () => {
    const bom = await readCsv(await file('bom.csv', '\uFEFFdate,v\n2021-01-01,1\n2021-01-02,2\n'))
    expect(bom.import).toMatchObject({ encoding: 'utf-8', bom: true })
    expect(bom.timeColumn).toBe('date')
    const rows = Array.from({ length: 4000 }, (_, i) => `${i},${i % 7},plain text cell`).join('\n')
    const late = Buffer.concat([
      Buffer.from(`n,v,note\n${rows}\n`),
      Buffer.from('4000,1,caf\xe9\n', 'latin1')
    ])
    const t = await readCsv(await file('late.csv', late))
    expect(t.import?.encoding).toBe('latin-1')
    expect(t.rows).toBe(4001)
  })

  it('reads Unix seconds and stamps with offsets as UTC instants', async () => {
    const unix = await readCsv(await file('unix.csv', 'timestamp,v\n1609459200,1\n1609462800,2\n'))
    expect(Array.from(unix.time!)).toEqual([Date.UTC(2021, 0, 1, 0), Date.UTC(2021, 0, 1, 1)])
    const zoned = await readCsv(
      await file('zoned.csv', 'time,v\n2021-01-01T10:00:00+02:00,1\n2021-01-01T11:00:00+02:00,2\n')
    )
    expect(zoned.import?.zoned).toBe(true)
    expect(zoned.time![0]).toBe(Date.UTC(2021, 0, 1, 8))
    const shifted = await readCsv(
      await file('local.csv', 'time,v\n2021-01-01 10:00,1\n2021-01-01 11:00,2\n'),
      'local.csv',
      { utcOffsetMinutes: 60 }
    )
    expect(shifted.time![0]).toBe(Date.UTC(2021, 0, 1, 9))
  })

  it('reads a file without header, naming its columns', async () => {
    const t = await readCsv(await file('nohead.csv', '2021-01-01,1,2\n2021-01-02,3,4\n'))
    expect(t.import?.headerLine).toBeNull()
    expect(t.timeColumn).toBe('column_1')
    expect(values(t, 'column_3')).toEqual([2, 4])
  })

  it('sorts rows and merges repeated stamps when asked, keeping the last or the mean', async () => {
    const path = await file(
      'messy.csv',
      'date,v\n2021-01-03,30\n2021-01-01,10\n2021-01-02,20\n2021-01-02,22\n'
    )
    await expect(readCsv(path)).rejects.toMatchObject({ code: 'unsorted-time', row: 3 })
    await expect(readCsv(path, 'messy.csv', { sort: true })).rejects.toMatchObject({
      code: 'duplicate-time',
      row: 5
    })
    const last = await readCsv(path, 'messy.csv', { sort: true, duplicates: 'last' })
    expect(isoDays(last)).toEqual(['2021-01-01', '2021-01-02', '2021-01-03'])
    expect(values(last, 'v')).toEqual([10, 22, 30])
    expect(Array.from(last.lines)).toEqual([3, 5, 2])
    expect(last.import).toMatchObject({ sorted: true, mergedDuplicates: 1, duplicates: 'last' })
    const mean = await readCsv(path, 'messy.csv', { sort: true, duplicates: 'mean' })
    expect(values(mean, 'v')).toEqual([10, 21, 30])
  })

  it('refuses a file over the size limit, giving its size and the limit', async () => {
    const path = await file('big.csv', 'date,v\n' + '2021-01-01,1\n'.repeat(200))
    const e = (await readCsv(path, 'big.csv', { limits: { maxFileBytes: 1024 } }).catch(
      (x: unknown) => x
    )) as UserFacingError
    expect(e).toMatchObject({ code: 'file-too-large' })
    expect(e.message).toBe('big.csv is 2.5 KB; the largest file Hindsight opens is 1.0 KB.')
  })

  it('reports progress and stops when cancelled', async () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => `${i},${i % 13}`).join('\n')
    const path = await file('long.csv', `n,v\n${rows}\n`)
    const seen: number[] = []
    const t = await readCsv(path, 'long.csv', { onProgress: (read) => seen.push(read) })
    expect(t.rows).toBe(300_000)
    expect(seen.length).toBeGreaterThan(1)
    expect(seen[seen.length - 1]).toBe(Buffer.byteLength(`n,v\n${rows}\n`))
    const controller = new AbortController()
    const cancelled = readCsv(path, 'long.csv', {
      signal: controller.signal,
      onProgress: () => controller.abort()
    })
    await expect(cancelled).rejects.toMatchObject({ code: 'open-cancelled' })
  })
})

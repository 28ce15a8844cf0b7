import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { createServices, type Services } from '../../../src/core/services'
import { dispatch } from '../../../src/core/services/dispatch'
import type { InvokeChannel, Req, Res } from '../../../src/shared/ipc-contract'
import { MAX_PAGE_ROWS } from '../../../src/shared/row-page'
import { UPLOAD_CHUNK_BYTES } from '../../../src/shared/upload'
import { datasetPath, repoRoot, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let services: Services

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  services = createServices({
    workspaceDir: dir,
    samplesDir: join(repoRoot, 'resources/samples'),
    host: 'browser',
    version: '0.0.0-test',
    spawnEngine: forkEngine
  })
})
afterAll(async () => {
  await services.dispose()
  await cleanup()
})

/** A request as the bridge makes it: validated by the contract, answered in an envelope. */
async function call<C extends InvokeChannel>(channel: C, payload: Req<C>): Promise<Res<C>> {
  const envelope = await dispatch(services.handlers, channel, payload)
  if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), envelope.error)
  return envelope.value as Res<C>
}

/** Upload bytes in chunks as the page does (base64, in order). */
async function uploadChunked(name: string, bytes: Buffer): Promise<Res<'dataset:uploadFinish'>> {
  const { uploadId } = await call('dataset:uploadStart', { name, size: bytes.length })
  for (let offset = 0; offset < bytes.length; offset += UPLOAD_CHUNK_BYTES) {
    const data = bytes.subarray(offset, offset + UPLOAD_CHUNK_BYTES).toString('base64')
    await call('dataset:uploadChunk', { uploadId, offset, data })
  }
  return call('dataset:uploadFinish', { uploadId })
}

describe('rows, zoomed series and chunked uploads (what the Data view asks)', () => {
  it('stores a chunked upload byte for byte and opens it like any file', async () => {
    const original = await readFile(datasetPath('seattle_weather_daily.csv'))
    // Several chunks: the file is repeated with later dates so it spans more than one.
    const lines = original.toString('latin1').trim().split('\n')
    const body: string[] = [lines[0]!]
    for (let i = 0; i < 40_000; i++) {
      const day = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
      body.push(`${day},${lines[1 + (i % (lines.length - 1))]!.split(',').slice(1).join(',')}`)
    }
    const bytes = Buffer.from(`${body.join('\n')}\n`)
    expect(bytes.length).toBeGreaterThan(UPLOAD_CHUNK_BYTES)
    const summary = await uploadChunked('weather.csv', bytes)
    expect(summary.rows).toBe(40_000)
    expect(summary.name).toBe('weather.csv')
    expect(await readFile(summary.path)).toEqual(bytes)
    // No temp file is left beside it.
    expect((await readdir(join(dir, 'datasets'))).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('refuses a chunk out of order or past the announced size, and a cancel drops the upload', async () => {
    const { uploadId } = await call('dataset:uploadStart', { name: 'x.csv', size: 10 })
    const late = await call('dataset:uploadChunk', {
      uploadId,
      offset: 4,
      data: Buffer.from('abcd').toString('base64')
    }).catch((e: unknown) => e)
    expect(late).toMatchObject({ code: 'upload-order' })
    await call('dataset:uploadChunk', { uploadId, offset: 0, data: 'YWJj' })
    const over = await call('dataset:uploadChunk', {
      uploadId,
      offset: 3,
      data: Buffer.from('defghijklm').toString('base64')
    }).catch((e: unknown) => e)
    expect(over).toMatchObject({ code: 'upload-size' })
    const second = await call('dataset:uploadStart', { name: 'y.csv', size: 4 })
    expect(await call('dataset:cancelOpen', undefined)).toEqual({ cancelled: true })
    const gone = await call('dataset:uploadFinish', second).catch((e: unknown) => e)
    expect(gone).toMatchObject({ code: 'upload-unknown' })
    // The contract refuses a chunk larger than a chunk, before any handler runs.
    const big = await call('dataset:uploadChunk', {
      uploadId: second.uploadId,
      offset: 0,
      data: 'A'.repeat(Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4 + 4)
    }).catch((e: unknown) => e)
    expect(big).toMatchObject({ code: 'invalid-request' })
  })

  it('serves pages of rows with missing cells as null, and bounds the page size', async () => {
    const text = 'date,v,w\n2020-01-01,1,\n2020-01-02,,20\n2020-01-03,3,30\n'
    const ds = await uploadChunked('small.csv', Buffer.from(text))
    const page = await call('dataset:rows', { datasetId: ds.id, start: 1, count: 5 })
    expect(page).toEqual({
      start: 1,
      count: 2,
      rows: 3,
      timeColumn: 'date',
      time: ['2020-01-02', '2020-01-03'],
      columns: [
        { name: 'v', numeric: true, values: [null, 3] },
        { name: 'w', numeric: true, values: [20, 30] }
      ]
    })
    const tooMany = await call('dataset:rows', {
      datasetId: ds.id,
      start: 0,
      count: MAX_PAGE_ROWS + 1
    }).catch((e: unknown) => e)
    expect(tooMany).toMatchObject({ code: 'invalid-request' })
  })

  it('decimates a zoomed range at the asked resolution and reports the gaps in time', async () => {
    // Daily, with 2020-03-07..09 absent (a gap of three days) and one missing value.
    const rows = ['date,v']
    for (let i = 0; i < 400; i++) {
      const day = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
      if (day >= '2020-03-07' && day <= '2020-03-09') continue
      rows.push(`${day},${day === '2020-02-01' ? '' : Math.sin(i / 5).toFixed(4)}`)
    }
    const ds = await uploadChunked('gaps.csv', Buffer.from(`${rows.join('\n')}\n`))
    const gapRow = rows.findIndex((r) => r.startsWith('2020-03-10')) - 1
    const whole = await call('dataset:series', { datasetId: ds.id, columns: ['v'], maxPoints: 40 })
    expect(whole.rows.length).toBeLessThanOrEqual(42)
    expect(whole.gaps).toEqual([gapRow])
    // The missing value on 2020-02-01 (row 31) breaks the line: a null is kept.
    expect(whole.columns['v']).toContain(null)
    const zoomed = await call('dataset:series', {
      datasetId: ds.id,
      columns: ['v'],
      maxPoints: 40,
      from: 100,
      to: 139
    })
    expect(zoomed.rows).toEqual(Array.from({ length: 40 }, (_, i) => 100 + i))
    expect(zoomed.gaps).toBeUndefined()
    const around = await call('dataset:series', {
      datasetId: ds.id,
      columns: ['v'],
      maxPoints: 40,
      from: gapRow - 5,
      to: gapRow + 5
    })
    expect(around.gaps).toEqual([gapRow])
    expect(around.time[4]).toBe('2020-03-06')
    expect(around.time[5]).toBe('2020-03-10')
  })
})

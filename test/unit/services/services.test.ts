import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { createServices, type Services } from '../../../src/core/services'
import { UserFacingError } from '../../../src/core/errors'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ExplainJobSchema, GlobalJobSchema } from '../../../src/shared/explanation'
import type { RunSummary } from '../../../src/shared/domain'
import type { EventChannel } from '../../../src/shared/ipc-contract'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { repoRoot, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let services: Services
const events: { event: EventChannel; payload: unknown }[] = []
/** Every request the services sent to the engine process, by type. */
const sent: string[] = []

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  services = createServices({
    workspaceDir: dir,
    samplesDir: join(repoRoot, 'resources/samples'),
    host: 'browser',
    version: '0.0.0-test',
    spawnEngine: () => {
      const channel = forkEngine()
      return { ...channel, send: (m) => (sent.push(m.type), channel.send(m)) }
    }
  })
  services.onEvent((event, payload) => events.push({ event, payload }))
})
afterAll(async () => {
  await services.dispose()
  await cleanup()
})

function finished(runId: string): Promise<RunSummary> {
  return new Promise((resolve) => {
    const off = services.onEvent((event, payload) => {
      if (event === 'train:finished' && (payload as RunSummary).id === runId) {
        off()
        resolve(payload as RunSummary)
      }
    })
  })
}

describe('services (what IPC and the bridge call)', () => {
  it('opens the bundled sample with its attribution and a decimated series', async () => {
    const sample = await services.handlers['dataset:openSample'](undefined)
    expect(sample.rows).toBe(746)
    expect(sample.attribution).toMatch(/Scripps/)
    expect(sample.warnings.join(' ')).toMatch(/co2 \(5\)/)
    const series = await services.handlers['dataset:series']({
      datasetId: sample.id,
      columns: ['co2'],
      maxPoints: 100
    })
    expect(series.time.length).toBeLessThanOrEqual(100)
    expect(series.time.length).toBe(series.columns['co2']!.length)
    expect(series.time[0]).toBe('1958-03-01')
    // Both came from the engine process, which alone parses CSV files.
    expect(sent).toEqual(expect.arrayContaining(['dataset-open', 'dataset-series']))
  })

  it('reads a file again when it changed on disk, and labels rows by another time column', async () => {
    const ds = await services.handlers['dataset:upload']({
      name: 'changing.csv',
      text: 'date,v,w\n2020-01-01,1,10\n2020-01-02,2,20\n2020-01-03,3,30\n'
    })
    const byDate = await services.handlers['dataset:series']({
      datasetId: ds.id,
      columns: ['v'],
      maxPoints: 10
    })
    expect(byDate).toEqual({
      rows: [0, 1, 2],
      time: ['2020-01-01', '2020-01-02', '2020-01-03'],
      columns: { v: [1, 2, 3] }
    })
    const byRow = await services.handlers['dataset:series']({
      datasetId: ds.id,
      columns: ['w'],
      maxPoints: 10,
      timeColumn: null
    })
    expect(byRow.time).toEqual(['0', '1', '2'])
    expect(byRow.columns['w']).toEqual([10, 20, 30])
    await writeFile(ds.path, 'date,v,w\n2020-01-01,5,10\n2020-01-02,6,20\n')
    const changed = await services.handlers['dataset:series']({
      datasetId: ds.id,
      columns: ['v'],
      maxPoints: 10
    })
    expect(changed.columns['v']).toEqual([5, 6])
  })

  it('rejects a malformed upload with a specific error and keeps nothing half-open', async () => {
    const error = await services.handlers['dataset:upload']({
      name: 'bad.csv',
      text: 'date,v\n2020-01-01,1\n2020-01-02,2,3\n'
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserFacingError)
    expect((error as UserFacingError).message).toBe(
      'bad.csv, line 3: expected 2 fields (date,v) but found 3.'
    )
  })

  it('refuses paths in browser mode: files come by upload there', async () => {
    await expect(services.handlers['dataset:openPath']({ path: '/etc/passwd' })).rejects.toThrow(
      /upload/
    )
  })

  it('trains from an upload, streams events, and lists the run', async () => {
    const csv = ['date,v']
    for (let i = 0; i < 120; i++) {
      csv.push(
        `${new Date(Date.UTC(2000, i, 1)).toISOString().slice(0, 10)},${Math.sin(i / 3) + i / 50}`
      )
    }
    const ds = await services.handlers['dataset:upload']({ name: 'sine.csv', text: csv.join('\n') })
    expect(ds.rows).toBe(120)
    const { runId } = await services.handlers['train:start']({
      datasetId: ds.id,
      data: DataConfigSchema.parse({ target: 'v', window: 6 }),
      model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs: 2, dropout: 0 })
    })
    const summary = await finished(runId)
    expect(summary.status).toBe('done')
    expect(events.some((e) => e.event === 'train:epoch')).toBe(true)
    expect(events.some((e) => e.event === 'engine:status')).toBe(true)
    const runs = await services.handlers['runs:list'](undefined)
    expect(runs.map((r) => r.id)).toContain(runId)
    const detail = await services.handlers['runs:get']({ runId })
    expect(detail.history).toHaveLength(2)
    expect(detail.predictions!.actual.length).toBe(summary.evaluation!.windows)
  }, 90_000)

  it('plans, runs, lists and exports an explanation of that run, with progress events', async () => {
    const [run] = await services.handlers['runs:list'](undefined)
    const runId = run!.id
    const job = ExplainJobSchema.parse({
      method: 'kernelshap',
      level: 'time',
      index: 1,
      samples: 64
    })
    const plan = await services.handlers['explain:plan']({ runId, job })
    const record = await services.handlers['explain:run']({ runId, job })
    expect(record.modelCalls).toBe(plan.total)
    expect(events.some((e) => e.event === 'explain:progress')).toBe(true)
    const sum = (record.attributions as number[]).reduce((a, b) => a + b, 0)
    expect(sum).toBeCloseTo(record.prediction - record.baselinePrediction, 5)
    const listed = await services.handlers['explain:list']({ runId })
    expect(listed.map((r) => r.id)).toContain(record.id)
    const csv = await services.handlers['export:render']({
      runId,
      explanationIds: [record.id],
      format: 'csv'
    })
    expect(csv.fileName).toMatch(/\.csv$/)
    expect(Buffer.from(csv.base64, 'base64').toString('utf8').trim().split('\n')).toHaveLength(7)
    const png = await services.handlers['export:render']({
      runId,
      explanationIds: [record.id],
      format: 'png'
    })
    expect(Buffer.from(png.base64, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG')
    const html = await services.handlers['export:render']({
      runId,
      explanationIds: [record.id],
      format: 'html'
    })
    expect(Buffer.from(html.base64, 'base64').toString('utf8')).toMatch(/^<!doctype html>/i)
    const global = await services.handlers['explain:global']({
      runId,
      job: GlobalJobSchema.parse({ windows: 2, samples: 32 })
    })
    expect(global.byLag).toHaveLength(6)
  }, 90_000)

  it('fails fast on a column the dataset does not have, before any engine work', async () => {
    const sample = await services.handlers['dataset:openSample'](undefined)
    await expect(
      services.handlers['train:start']({
        datasetId: sample.id,
        data: DataConfigSchema.parse({ target: 'nope' }),
        model: ModelConfigSchema.parse({})
      })
    ).rejects.toThrow(/no column "nope"/)
  })

  it('refuses run ids that could leave the workspace', async () => {
    await expect(services.handlers['runs:get']({ runId: '../../etc' })).rejects.toThrow(
      /Not a run id/
    )
  })
})

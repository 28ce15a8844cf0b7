import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { UserFacingError } from '../../../src/core/errors'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { RunSummary } from '../../../src/shared/domain'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { repoRoot, tempDir } from '../../helpers/paths'

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
    spawnEngine: () => forkEngine()
  })
})
afterAll(async () => {
  await services.dispose()
  await cleanup()
})

/** 40 days, rows 6 and 7 swapped, day 20 written twice (values 100 and 200). */
function messyCsv(): string {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const day = new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10)
    return `${day};${i},5`
  })
  ;[rows[5], rows[6]] = [rows[6]!, rows[5]!]
  rows.splice(20, 0, `${rows[19]!.slice(0, 10)};100`, `${rows[19]!.slice(0, 10)};200`)
  rows.splice(19, 1)
  return `date;v\n${rows.join('\n')}\n`
}

describe('re-reading a dataset with import options (services over the engine process)', () => {
  it('offers the refused file for re-reading, sorts and merges it, and trains on it as read', async () => {
    const refused = await services.handlers['dataset:upload']({
      name: 'messy.csv',
      text: messyCsv()
    })
      .then(() => null)
      .catch((e: unknown) => e as UserFacingError)
    expect(refused).toBeInstanceOf(UserFacingError)
    expect(refused!.code).toBe('unsorted-time')
    const datasetId = refused!.params?.['datasetId']
    expect(typeof datasetId).toBe('string')

    const stillRepeated = await services.handlers['dataset:reread']({
      datasetId: datasetId as string,
      import: { sort: true }
    }).catch((e: unknown) => e as UserFacingError)
    expect(stillRepeated).toMatchObject({ code: 'duplicate-time' })

    const summary = await services.handlers['dataset:reread']({
      datasetId: (stillRepeated as UserFacingError).params!['datasetId'] as string,
      import: { duplicates: 'mean' }
    })
    expect(summary.rows).toBe(40)
    expect(summary.notes?.map((n) => n.code)).toEqual(
      expect.arrayContaining(['data-sorted', 'data-duplicates-mean'])
    )
    // Semicolon-separated with a decimal comma: "5,5"-style cells are numbers.
    const v = summary.columns.find((c) => c.name === 'v')!
    expect(v.numeric).toBe(true)

    const facts = await services.handlers['dataset:inspect']({
      datasetId: summary.id,
      target: 'v',
      features: [],
      window: 5,
      horizon: 1,
      split: { train: 0.7, validation: 0.15 }
    })
    expect(facts.import).toMatchObject({ sorted: true, mergedDuplicates: 1, duplicates: 'mean' })
    // Day 20 is the mean of 100 and 200.
    expect(facts.columns[0]!.max).toBe(150)

    // Training reads the file the same way: its data settings carry the import options.
    const done = new Promise<RunSummary>((resolve) => {
      const off = services.onEvent((event, payload) => {
        if (event === 'train:finished') {
          off()
          resolve(payload as RunSummary)
        }
      })
    })
    await services.handlers['train:start']({
      datasetId: summary.id,
      data: DataConfigSchema.parse({ target: 'v', window: 5 }),
      model: ModelConfigSchema.parse({ layers: 1, units: 2, epochs: 1, dropout: 0 })
    })
    const run = await done
    expect(run.status).toBe('done')
    expect(run.data.import).toMatchObject({ sort: true, duplicates: 'mean' })
    expect(run.split?.rows).toBe(40)
  })

  it('reports progress while reading a large file, and a cancel keeps the dataset open before', async () => {
    const sample = await services.handlers['dataset:openSample'](undefined)
    const rows = Array.from({ length: 400_000 }, (_, i) => `${i},${i % 97},${(i * 7) % 13}`)
    const text = `n,a,b\n${rows.join('\n')}\n`
    const seen: { done: number; total: number }[] = []
    const off = services.onEvent((event, payload) => {
      if (event !== 'dataset:progress') return
      const p = payload as { done: number; total: number }
      seen.push(p)
      // Cancel as soon as the read is under way.
      if (seen.length === 1) void services.handlers['dataset:cancelOpen'](undefined)
    })
    const opening = services.handlers['dataset:upload']({ name: 'large.csv', text }).catch(
      (e: unknown) => e
    )
    const error = (await opening) as UserFacingError
    off()
    expect(error).toMatchObject({ code: 'open-cancelled' })
    expect(seen.length).toBeGreaterThan(0)
    expect(seen[0]!.done).toBeLessThan(seen[0]!.total)
    // The sample is still open and answers as before.
    const facts = await services.handlers['dataset:inspect']({
      datasetId: sample.id,
      target: 'co2',
      features: [],
      window: 12,
      horizon: 1,
      split: { train: 0.7, validation: 0.15 }
    })
    expect(facts.rows).toBe(sample.rows)
  })
})

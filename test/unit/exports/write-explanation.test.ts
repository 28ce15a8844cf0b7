import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  exportFormatOf,
  writeExplanationCharts,
  writeExplanationFile,
  writeExplanationReport
} from '../../../src/core/exports/write-explanation'
import { UserFacingError } from '../../../src/core/errors'
import { ExplanationRecordSchema, type ExplainLevel } from '../../../src/shared/explanation'
import { tempDir } from '../../helpers/paths'
import { FEATURES, STEPS, fixtureRecord } from './fixtures'
import { pngSize } from './png'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('hindsight-exports-'))
})
afterAll(() => cleanup())

const LEVELS: ExplainLevel[] = ['cell', 'time', 'feature']

describe('.json', () => {
  it.each(LEVELS)('round-trips a %s-level record through the versioned schema', async (level) => {
    const record = fixtureRecord({ level, withStderr: true, withDeletion: true, spearman: 0.2 })
    const path = join(dir, `${level}.json`)
    await writeExplanationFile(path, record)
    const parsed = ExplanationRecordSchema.parse(JSON.parse(await readFile(path, 'utf8')))
    expect(parsed).toEqual(record)
    expect(parsed.schema).toBe('hindsight.explanation/1')
  })
})

describe('.csv', () => {
  it.each(LEVELS)('has the header and T × F data rows at %s level', async (level) => {
    const path = join(dir, `${level}.csv`)
    await writeExplanationFile(path, fixtureRecord({ level }))
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n')
    expect(lines[0]).toBe('date,lag,feature,value,attribution,player')
    expect(lines).toHaveLength(1 + STEPS * FEATURES.length)
    const first = lines[1]!.split(',')
    expect(first).toHaveLength(6)
    expect(first[0]).toBe('2015-03-01')
    expect(Number(first[1])).toBe(STEPS - 1)
    expect(first[2]).toBe(FEATURES[0])
  })

  it('quotes a column name with a comma and a quote', async () => {
    const path = join(dir, 'quoted.csv')
    const features = ['temp_max', 'rain, "mm"', 'wind', 'pressure']
    await writeExplanationFile(path, fixtureRecord({ level: 'feature', features }))
    const text = await readFile(path, 'utf8')
    expect(text).toContain(',"rain, ""mm""",')
  })
})

describe('.png and every chart', () => {
  it('writes the main chart of each level as a real PNG at 2x', async () => {
    for (const level of LEVELS) {
      const path = join(dir, `${level}.png`)
      await writeExplanationFile(path, fixtureRecord({ level }))
      const { width, height } = pngSize(await readFile(path))
      expect(width).toBe(1600)
      expect(height).toBeGreaterThan(400)
    }
  })

  it('writes each chart of a record to its own file', async () => {
    const record = fixtureRecord({ level: 'cell', withDeletion: true })
    const out = join(dir, 'charts')
    const paths = await writeExplanationCharts(out, record, 'window 7/cell')
    expect(paths.map((p) => p.slice(out.length + 1))).toEqual([
      'cell-heatmap.png',
      'cell-steps.png',
      'cell-features.png',
      'cell-deletion.png'
    ])
    for (const p of paths) expect(pngSize(await readFile(p)).width).toBe(1600)
  })
})

describe('.html', () => {
  it('writes a report for one record and for a set', async () => {
    const one = join(dir, 'one.html')
    await writeExplanationFile(one, fixtureRecord({ level: 'feature' }))
    expect(await readFile(one, 'utf8')).toMatch(/^<!doctype html>/)
    const set = join(dir, 'set.htm')
    await writeExplanationReport(set, [
      fixtureRecord({ level: 'time' }),
      fixtureRecord({ level: 'feature', method: 'lime' })
    ])
    const html = await readFile(set, 'utf8')
    expect(html).toContain('id="explanation-2"')
    await expect(writeExplanationReport(join(dir, 'set.pdf'), [])).rejects.toThrow(/\.html/)
  })
})

describe('unknown formats', () => {
  it.each(['out.txt', 'out.pdf', 'out'])(
    'refuses %s with a message naming the formats',
    async (name) => {
      const error = await writeExplanationFile(join(dir, name), fixtureRecord()).catch(
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(UserFacingError)
      expect((error as UserFacingError).code).toBe('bad-export-format')
      expect((error as UserFacingError).message).toMatch(/\.json, \.csv, \.png or \.html/)
    }
  )

  it('can be checked before the explanation runs', () => {
    expect(exportFormatOf('a/b/Report.HTM')).toBe('html')
    expect(exportFormatOf('x.PNG')).toBe('png')
    expect(() => exportFormatOf('x.json.txt')).toThrow(/"\.txt" is not a format Hindsight writes/)
    expect(() => exportFormatOf('x')).toThrow(/no extension/)
  })

  it('left no temporary files behind', async () => {
    const names = await readdir(dir)
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([])
    expect(names).not.toContain('out.txt')
  })
})

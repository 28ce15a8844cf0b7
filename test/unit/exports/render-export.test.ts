import { describe, expect, it } from 'vitest'
import { exportFormatOf } from '../../../src/core/exports/export-format'
import { renderExport } from '../../../src/core/exports/render-export'
import { UserFacingError } from '../../../src/core/errors'
import {
  ExplanationRecordSchema,
  type ExplainLevel,
  type ExportFile
} from '../../../src/shared/explanation'
import { FEATURES, STEPS, fixtureRecord } from './fixtures'
import { pngSize } from './png'

const LEVELS: ExplainLevel[] = ['cell', 'time', 'feature']
const bytes = (file: ExportFile): Buffer => Buffer.from(file.base64, 'base64')
const text = (file: ExportFile): string => bytes(file).toString('utf8')

describe('.json', () => {
  it.each(LEVELS)('round-trips a %s-level record through the versioned schema', async (level) => {
    const record = fixtureRecord({ level, withStderr: true, withDeletion: true, spearman: 0.2 })
    const file = await renderExport([record], 'json')
    expect(file.fileName).toBe(`hindsight-${record.id}.json`)
    expect(file.mime).toBe('application/json')
    const parsed = ExplanationRecordSchema.parse(JSON.parse(text(file)))
    expect(parsed).toEqual(record)
    expect(parsed.schema).toBe('hindsight.explanation/1')
  })
})

describe('.csv', () => {
  it.each(LEVELS)('has the header and T × F data rows at %s level', async (level) => {
    const lines = text(await renderExport([fixtureRecord({ level })], 'csv'))
      .trimEnd()
      .split('\n')
    expect(lines[0]).toBe('date,lag,feature,value,attribution,player')
    expect(lines).toHaveLength(1 + STEPS * FEATURES.length)
    const first = lines[1]!.split(',')
    expect(first).toHaveLength(6)
    expect(first[0]).toBe('2015-03-01')
    expect(Number(first[1])).toBe(STEPS - 1)
    expect(first[2]).toBe(FEATURES[0])
  })

  it('quotes a column name with a comma and a quote', async () => {
    const features = ['temp_max', 'rain, "mm"', 'wind', 'pressure']
    const csv = text(await renderExport([fixtureRecord({ level: 'feature', features })], 'csv'))
    expect(csv).toContain(',"rain, ""mm""",')
  })
})

describe('.png and every chart', () => {
  it('renders the main chart of each level as a real PNG at 2x', async () => {
    const main = { cell: 'heatmap', time: 'steps', feature: 'features' }
    for (const level of LEVELS) {
      const record = fixtureRecord({ level })
      const file = await renderExport([record], 'png')
      expect(file.fileName).toBe(`hindsight-${record.id}-${main[level]}.png`)
      const { width, height } = pngSize(bytes(file))
      expect(width).toBe(1600)
      expect(height).toBeGreaterThan(400)
    }
  })

  it('renders each chart a record has, and refuses one it has not', async () => {
    const record = fixtureRecord({ level: 'cell', withDeletion: true })
    for (const chart of ['heatmap', 'steps', 'features', 'deletion'] as const) {
      const file = await renderExport([record], 'png', chart)
      expect(file.fileName).toBe(`hindsight-${record.id}-${chart}.png`)
      expect(pngSize(bytes(file)).width).toBe(1600)
    }
    const time = fixtureRecord({ level: 'time' })
    await expect(renderExport([time], 'png', 'heatmap')).rejects.toThrow(
      /time-level explanation has no heatmap chart/
    )
  })
})

describe('.html', () => {
  it('renders a report for one record and for a set', async () => {
    const one = await renderExport([fixtureRecord({ level: 'feature' })], 'html')
    expect(text(one)).toMatch(/^<!doctype html>/)
    const set = await renderExport(
      [fixtureRecord({ level: 'time' }), fixtureRecord({ level: 'feature', method: 'lime' })],
      'html'
    )
    expect(set.fileName).toMatch(/^hindsight-report-.*\.html$/)
    expect(text(set)).toContain('id="explanation-2"')
  })

  it('holds several records only in HTML, and needs at least one', async () => {
    const two = [fixtureRecord({ level: 'time' }), fixtureRecord({ level: 'feature' })]
    await expect(renderExport(two, 'csv')).rejects.toThrow(/use HTML for several/)
    await expect(renderExport([], 'json')).rejects.toThrow(/at least one/)
  })
})

describe('file names (the CLI checks --out first)', () => {
  it('knows the formats by extension, whatever the case', () => {
    expect(exportFormatOf('a/b/Report.HTM')).toBe('html')
    expect(exportFormatOf('x.PNG')).toBe('png')
    expect(exportFormatOf('x.json')).toBe('json')
    expect(exportFormatOf('x.csv')).toBe('csv')
  })

  it.each(['out.txt', 'out.pdf', 'out', 'x.json.txt'])(
    'refuses %s with a message naming the formats',
    (name) => {
      const error = (() => {
        try {
          return exportFormatOf(name)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(UserFacingError)
      expect((error as UserFacingError).code).toBe('bad-export-format')
      expect((error as UserFacingError).message).toMatch(/\.json, \.csv, \.png or \.html/)
    }
  )

  it('says why: no extension, or one Hindsight does not write', () => {
    expect(() => exportFormatOf('x.json.txt')).toThrow(/"\.txt" is not a format Hindsight writes/)
    expect(() => exportFormatOf('x')).toThrow(/no extension/)
  })
})

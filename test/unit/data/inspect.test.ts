import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { countWindows, inspectTable } from '../../../src/core/engine/data/inspect'
import { prepareData } from '../../../src/core/engine/data/prepare'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { datasetPath, tempDir } from '../../helpers/paths'
import { writeWeeklySeattle } from './weekly'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

const split = { train: 0.7, validation: 0.15, test: 0.15 }

describe('inspectTable on real series', () => {
  it('suggests a season of 52 ± 1 for weekly temperatures, with the ACF peak as its reason', async () => {
    const table = await readCsv(writeWeeklySeattle(dir))
    expect(table.rows).toBe(208)
    const facts = inspectTable(table, {
      target: 'temp_max',
      features: [],
      window: 12,
      horizon: 1,
      split
    })
    expect(facts.step).toMatchObject({ unit: 'ms', size: 7 * 86_400_000 })
    const temp = facts.columns.find((c) => c.name === 'temp_max')!
    expect(Math.abs(temp.suggestedSeason!.lag - 52)).toBeLessThanOrEqual(1)
    expect(temp.suggestedSeason!.reason).toMatch(
      new RegExp(`ACF peak at lag ${temp.suggestedSeason!.lag}`)
    )
    expect(temp.trend?.present).toBe(false)
    expect(temp.suggestedTargetMode).toBe('level')
  })

  it('suggests the change mode for the trending CO2 series, naming the KPSS test', async () => {
    const table = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
    const facts = inspectTable(table, {
      target: 'co2',
      features: [],
      window: 36,
      horizon: 12,
      split
    })
    const co2 = facts.columns.find((c) => c.name === 'co2')!
    expect(co2.trend).toMatchObject({ present: true, test: 'KPSS' })
    expect(co2.trend!.statistic).toBeGreaterThan(co2.trend!.critical5)
    expect(co2.trend!.reason).toMatch(/^KPSS test on the training part \(517 values\)/)
    expect(co2.suggestedTargetMode).toBe('change')
    // The season shows in the ACF of the monthly changes.
    expect(co2.suggestedSeason?.lag).toBe(12)
    expect(co2.acf?.differenced).toBe(true)
  })

  it('counts, per missing-value policy, the windows training would build', async () => {
    const table = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
    const base = { target: 'co2', features: ['co2_adjusted'], window: 36, horizon: 12, split }
    const counts = inspectTable(table, base).windowsByPolicy
    for (const missing of ['skip', 'ffill', 'interpolate'] as const) {
      const prepared = prepareData(table, DataConfigSchema.parse({ ...base, missing }))
      expect(counts[missing]).toEqual({
        train: prepared.split.trainWindows,
        validation: prepared.split.validationWindows,
        test: prepared.split.testWindows,
        skipped: prepared.split.skippedWindows
      })
    }
    // Five missing months: skipping drops every window that touches one; filling keeps them.
    expect(counts.skip.train).toBeLessThan(counts.ffill.train)
    expect(countWindows(table, { ...base, target: 'nope' }, 'skip').train).toBe(0)
  })
})

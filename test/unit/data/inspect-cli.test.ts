import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DatasetInspectionSchema } from '../../../src/shared/data-inspection'
import { runCli } from '../../helpers/cli'
import { datasetPath, tempDir } from '../../helpers/paths'
import { writeWeeklySeattle } from './weekly'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

async function inspectJson(
  args: string[]
): Promise<ReturnType<typeof DatasetInspectionSchema.parse>> {
  const { code, stdout, stderr } = await runCli(['inspect', ...args, '--json'])
  expect(stderr).toBe('')
  expect(code).toBe(0)
  const last = stdout.trim().split('\n').pop()!
  return DatasetInspectionSchema.parse(JSON.parse(last))
}

describe('cli inspect', () => {
  it('suggests a season of 52 ± 1 on a weekly series with yearly seasonality, with the ACF reason', async () => {
    const facts = await inspectJson(['--data', writeWeeklySeattle(dir), '--target', 'temp_max'])
    expect(facts.rows).toBe(208)
    expect(facts.timeColumn).toBe('date')
    expect(facts.irregularSteps).toBe(0)
    const temp = facts.columns.find((c) => c.name === 'temp_max')!
    expect(temp.type).toBe('numeric')
    expect(Math.abs(temp.suggestedSeason!.lag - 52)).toBeLessThanOrEqual(1)
    expect(temp.suggestedSeason!.reason).toContain(`ACF peak at lag ${temp.suggestedSeason!.lag}`)
    expect(temp.suggestedWindow?.steps).toBeGreaterThan(0)
    expect(temp.trend).toMatchObject({ present: false, test: 'KPSS' })
  })

  it('suggests the change mode for the trending monthly CO2 series, naming the test', async () => {
    const facts = await inspectJson(['--data', datasetPath('co2_mauna_loa_monthly.csv')])
    const co2 = facts.columns.find((c) => c.name === 'co2')!
    expect(co2.trend).toMatchObject({ present: true, test: 'KPSS' })
    expect(co2.trend!.reason).toMatch(/^KPSS test on the training part/)
    expect(co2.suggestedTargetMode).toBe('change')
    // Five missing months: skipping gaps keeps fewer training windows than filling them.
    expect(facts.windowing).toMatchObject({ target: 'co2', window: 60, horizon: 1 })
    expect(facts.windowsByPolicy.skip.train).toBeLessThan(facts.windowsByPolicy.ffill.train)
  })

  it('reads a semicolon/comma-decimal file after overriding detection, and says what is wrong otherwise', async () => {
    const path = join(dir, 'eu.csv')
    await writeFile(path, 'Datum;Wert\n01.02.2021;1,5\n02.02.2021;2,5\n03.02.2021;3,5\n')
    const facts = await inspectJson(['--data', path, '--decimal', ','])
    expect(facts.import).toMatchObject({ delimiter: ';', decimal: ',', dateFormat: 'dmy' })
    expect(facts.columns[0]).toMatchObject({ name: 'Wert', mean: 2.5 })
    const bad = await runCli(['inspect', '--data', path, '--decimal', '.'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(
      /^error: eu\.csv has no numeric column.*line 2, column "Wert" holds "1,5"/
    )
  })
})

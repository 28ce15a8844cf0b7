import { beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData } from '../../../src/core/engine/data/prepare'
import { inspectTable } from '../../../src/core/engine/data/inspect'
import { getColumn, type Table } from '../../../src/core/engine/data/table'
import { chooseTargetMode, rangeCheck } from '../../../src/core/engine/data/target-mode'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { datasetPath } from '../../helpers/paths'

let co2: Table
let sunspots: Table
beforeAll(async () => {
  co2 = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
  sunspots = await readCsv(datasetPath('sunspots_yearly.csv'))
})

describe('multi-step windows', () => {
  const T = 10
  const H = 4

  it('match a brute-force enumeration: every step labelled, changes from the last value', () => {
    // CO2 with its gaps left in: windows touching a gap (inputs or any label) are skipped.
    const data = prepareData(
      co2,
      DataConfigSchema.parse({
        target: 'co2',
        window: T,
        horizon: H,
        multiStep: true,
        targetMode: 'change'
      })
    )
    const y = getColumn(co2, 'co2')!.values
    const rows = y.length
    expect(y.some(Number.isNaN)).toBe(true)
    const { trainEndRow, validationEndRow } = data.split
    const parts: Record<'train' | 'validation' | 'test', number[]> = {
      train: [],
      validation: [],
      test: []
    }
    for (let s = 0; s + T + H <= rows; s++) {
      const cells = Array.from({ length: T + H }, (_, i) => y[s + i]!)
      if (cells.some(Number.isNaN)) continue
      const target = s + T - 1 + H
      const part =
        target < trainEndRow ? 'train' : target < validationEndRow ? 'validation' : 'test'
      parts[part].push(s)
    }
    expect(data.outputs).toBe(H)
    expect(data.outputSteps).toEqual([1, 2, 3, 4])
    // Each step's labels are scaled by the mean and spread of its own training changes.
    const change = (s: number, k: number): number => y[s + T - 1 + k]! - y[s + T - 1]!
    const stats = [1, 2, 3, 4].map((k) => {
      const c = parts.train.map((s) => change(s, k))
      const mean = c.reduce((a, b) => a + b, 0) / c.length
      const std = Math.sqrt(c.reduce((a, b) => a + (b - mean) ** 2, 0) / c.length)
      return { mean, std }
    })
    expect(stats[3]!.std).toBeGreaterThan(stats[0]!.std)
    for (const part of ['train', 'validation', 'test'] as const) {
      const set = data[part]
      const starts = parts[part]
      expect(set.n).toBe(starts.length)
      expect(set.outputs).toBe(H)
      starts.forEach((s, w) => {
        expect(set.targetRows[w]).toBe(s + T - 1 + H)
        for (let k = 1; k <= H; k++) {
          const { mean, std } = stats[k - 1]!
          expect(set.y[w * H + k - 1]).toBeCloseTo((change(s, k) - mean) / std, 4)
        }
      })
    }
    // Step H's map is the scalar one (what single-step code reads).
    expect(data.output.scale).toBeCloseTo(stats[3]!.std, 9)
    expect(data.output.steps).toHaveLength(H)
  })

  it('keeps single-step runs as they were: one label, at step H, and no per-step maps', () => {
    const data = prepareData(
      co2,
      DataConfigSchema.parse({ target: 'co2', window: T, horizon: H, targetMode: 'change' })
    )
    expect(data.outputs).toBe(1)
    expect(data.outputSteps).toEqual([H])
    expect(data.output.steps).toBeUndefined()
    expect(Object.keys(data.output)).toEqual([
      'mode',
      'scale',
      'shift',
      'lastValueWeight',
      'offset'
    ])
    // A single-step window needs only its step-H label: at least as many windows.
    const multi = prepareData(
      co2,
      DataConfigSchema.parse({ target: 'co2', window: T, horizon: H, multiStep: true })
    )
    expect(data.train.n + data.validation.n + data.test.n).toBeGreaterThanOrEqual(
      multi.train.n + multi.validation.n + multi.test.n
    )
  })
})

describe("target mode 'auto'", () => {
  it('picks change for monthly CO2, from the KPSS test on the training part', () => {
    const data = prepareData(
      co2,
      DataConfigSchema.parse({
        target: 'co2',
        window: 48,
        horizon: 12,
        seasonLength: 12,
        missing: 'interpolate'
      })
    )
    const choice = data.targetModeChoice
    expect(choice).toMatchObject({
      mode: 'change',
      requested: 'auto',
      code: 'target-mode-auto-trend'
    })
    expect(choice.reason).toMatch(/^Auto: KPSS test on the training part .*> 0\.463/)
    expect(data.output.mode).toBe('change')
  })

  it('picks level for yearly sunspots, a stationary cycle', () => {
    const data = prepareData(
      sunspots,
      DataConfigSchema.parse({ target: 'sunactivity', window: 22, horizon: 1 })
    )
    expect(data.targetModeChoice).toMatchObject({
      mode: 'level',
      requested: 'auto',
      code: 'target-mode-auto-level'
    })
    expect(data.output.mode).toBe('level')
  })

  it("agrees with the Data view's suggestion on every numeric column of the shared datasets", async () => {
    const split = { train: 0.7, validation: 0.15, test: 0.15 }
    let compared = 0
    for (const file of [
      'seattle_weather_daily.csv',
      'us_macro_quarterly.csv',
      'sunspots_yearly.csv'
    ]) {
      const table = await readCsv(datasetPath(file))
      const numeric = table.columns.filter((c) => c.numeric)
      const inspection = inspectTable(table, {
        target: numeric[0]!.name,
        features: [],
        window: 4,
        horizon: 1,
        split
      })
      for (const column of inspection.columns) {
        if (column.suggestedTargetMode === null) continue
        const { targetModeChoice: choice } = prepareData(
          table,
          DataConfigSchema.parse({ target: column.name, window: 4 })
        )
        // The range check may add 'change' to a trendless column; the trend test never differs.
        if (choice.code === 'target-mode-auto-range')
          expect(column.suggestedTargetMode).toBe('level')
        else expect([column.name, choice.mode]).toEqual([column.name, column.suggestedTargetMode])
        compared += 1
      }
    }
    expect(compared).toBeGreaterThan(15)
  })

  it('keeps a mode that was asked for', () => {
    const y = getColumn(co2, 'co2')!.values
    expect(chooseTargetMode('level', y, 500, 12)).toMatchObject({
      mode: 'level',
      requested: 'level',
      code: 'target-mode-requested'
    })
  })

  it('learns changes when the end of the training part leaves the range before it', () => {
    // A stationary wobble, then a last tenth beyond its maximum: the KPSS test does not
    // reject on these 50 values, the range check catches it.
    const values = Float64Array.from({ length: 50 }, (_, i) =>
      i < 45 ? Math.sin(i * 1.7) : 1.5 + 0.1 * i
    )
    expect(rangeCheck(values, 50)).toMatchObject({ tail: 5 })
    const flat = Float64Array.from({ length: 50 }, (_, i) => Math.sin(i * 1.7))
    expect(rangeCheck(flat, 50)).toBeNull()
    expect(chooseTargetMode('auto', values, 50, null)).toMatchObject({
      mode: 'change',
      code: 'target-mode-auto-range',
      params: { tail: 5, value: '6.200', min: '-0.9981', max: '0.9998' }
    })
    expect(chooseTargetMode('auto', Float64Array.from([1, 2, 3]), 3, null)).toMatchObject({
      mode: 'level',
      code: 'target-mode-auto-untested'
    })
  })
})

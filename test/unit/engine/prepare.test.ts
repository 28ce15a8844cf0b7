import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { applyMissingPolicy } from '../../../src/core/engine/data/missing'
import { prepareData } from '../../../src/core/engine/data/prepare'
import { getColumn, type Table } from '../../../src/core/engine/data/table'
import { DataConfigSchema, type DataConfigInput } from '../../../src/shared/data-config'
import { UserFacingError } from '../../../src/core/errors'
import { datasetPath, tempDir } from '../../helpers/paths'

const cfg = (c: DataConfigInput) => DataConfigSchema.parse(c)

let sunspots: Table
let co2: Table
let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  sunspots = await readCsv(datasetPath('sunspots_yearly.csv'))
  co2 = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
  ;({ dir, cleanup } = await tempDir())
})
afterAll(() => cleanup())

describe('prepareData windows and split', () => {
  const config = cfg({ target: 'sunactivity', window: 33, horizon: 11 })

  it('makes every complete window and assigns it by its target row', () => {
    const d = prepareData(sunspots, config)
    const rows = 309
    expect(d.split.rows).toBe(rows)
    // windows s = 0 .. rows − T − h
    expect(d.train.n + d.validation.n + d.test.n).toBe(rows - 33 - 11 + 1)
    expect(d.split.trainEndRow).toBe(Math.floor(rows * 0.7))
    expect(d.split.validationEndRow).toBe(Math.floor(rows * 0.85))
    expect(Math.max(...d.train.targetRows)).toBeLessThan(d.split.trainEndRow)
    expect(Math.min(...d.validation.targetRows)).toBeGreaterThanOrEqual(d.split.trainEndRow)
    expect(Math.max(...d.validation.targetRows)).toBeLessThan(d.split.validationEndRow)
    expect(Math.min(...d.test.targetRows)).toBeGreaterThanOrEqual(d.split.validationEndRow)
    expect(d.split.trainEndTime).toBe(`${1700 + d.split.trainEndRow}-01-01`)
  })

  it('puts the right values in each window, scaled by training statistics', () => {
    const d = prepareData(sunspots, config)
    const raw = getColumn(sunspots, 'sunactivity')!.values
    const train = Array.from(raw.subarray(0, d.split.trainEndRow))
    const mean = train.reduce((a, b) => a + b, 0) / train.length
    const std = Math.sqrt(train.reduce((a, b) => a + (b - mean) ** 2, 0) / train.length)
    const w = 5 // the 6th test window
    const targetRow = d.test.targetRows[w]!
    const start = targetRow - 11 - 33 + 1
    for (let t = 0; t < 33; t++) {
      expect(d.test.x[w * 33 + t]).toBeCloseTo((raw[start + t]! - mean) / std, 5)
    }
    expect(d.test.y[w]).toBeCloseTo((raw[targetRow]! - mean) / std, 5)
  })

  it('never lets validation or test values into the scaler or the training windows', async () => {
    const a = prepareData(sunspots, config)
    // The same file with every value after the training part multiplied by 1000.
    const text = ['date,sunactivity']
    const raw = getColumn(sunspots, 'sunactivity')!.values
    for (let i = 0; i < sunspots.rows; i++) {
      const v = i < a.split.trainEndRow ? raw[i]! : raw[i]! * 1000
      text.push(`${1700 + i}-01-01,${v}`)
    }
    const path = join(dir, 'leak.csv')
    await writeFile(path, text.join('\n') + '\n')
    const b = prepareData(await readCsv(path), config)
    expect(b.scaler).toEqual(a.scaler)
    expect(Array.from(b.train.x)).toEqual(Array.from(a.train.x))
    expect(Array.from(b.train.y)).toEqual(Array.from(a.train.y))
    expect(Array.from(b.test.y)).not.toEqual(Array.from(a.test.y))
  })

  it('puts the target first and covariates after it', () => {
    const weather = cfg({
      target: 'temp_max',
      features: ['temp_min', 'wind'],
      window: 28,
      horizon: 7
    })
    return readCsv(datasetPath('seattle_weather_daily.csv')).then((t) => {
      const d = prepareData(t, weather)
      expect(d.columns).toEqual(['temp_max', 'temp_min', 'wind'])
      expect(d.features).toBe(3)
      expect(d.train.x.length).toBe(d.train.n * 28 * 3)
    })
  })

  it('min-max scaling maps the training part onto [0, 1]', () => {
    const d = prepareData(sunspots, cfg({ target: 'sunactivity', window: 10, scaling: 'minmax' }))
    const raw = getColumn(sunspots, 'sunactivity')!.values.subarray(0, d.split.trainEndRow)
    expect(d.scaler.columns[0]!.shift).toBe(Math.min(...raw))
    expect(d.scaler.columns[0]!.scale).toBe(Math.max(...raw) - Math.min(...raw))
    expect(Math.min(...d.train.x)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...d.train.x)).toBeLessThanOrEqual(1)
  })
})

describe('target mode', () => {
  it("'change' labels are the scaled change over the horizon, fitted on training windows only", () => {
    const d = prepareData(
      co2,
      cfg({ target: 'co2', window: 36, horizon: 12, missing: 'interpolate', targetMode: 'change' })
    )
    const lastRow = (targetRow: number): number => targetRow - 12
    const deltas = Array.from(
      d.train.targetRows,
      (r) => d.observedTarget[r]! - d.target[lastRow(r)]!
    )
    const mean = deltas.reduce((a, b) => a + b, 0) / deltas.length
    const std = Math.sqrt(deltas.reduce((a, b) => a + (b - mean) ** 2, 0) / deltas.length)
    expect(d.output.mode).toBe('change')
    expect(d.output.shift).toBeCloseTo(mean, 10)
    expect(d.output.scale).toBeCloseTo(std, 10)
    const w = 7
    const r = d.test.targetRows[w]!
    expect(d.test.y[w]).toBeCloseTo((d.observedTarget[r]! - d.target[lastRow(r)]! - mean) / std, 5)
    // The affine map back: a perfect output reproduces the actual value.
    const lastScaled = d.test.x[(w * 36 + 35) * 1]!
    const g = d.test.y[w]! + d.output.lastValueWeight * lastScaled
    expect(g * d.output.scale + d.output.offset).toBeCloseTo(d.observedTarget[r]!, 3)
  })

  it("'level' keeps the target column's own scaling", () => {
    const d = prepareData(sunspots, cfg({ target: 'sunactivity', window: 10 }))
    expect(d.output).toEqual({
      mode: 'level',
      scale: d.scaler.columns[0]!.scale,
      shift: d.scaler.columns[0]!.shift,
      lastValueWeight: 0,
      offset: d.scaler.columns[0]!.shift
    })
  })
})

describe('missing values', () => {
  it('skips windows that touch a gap by default', () => {
    const d = prepareData(co2, cfg({ target: 'co2', window: 36, horizon: 12 }))
    const total = 746 - 36 - 12 + 1
    expect(d.split.skippedWindows).toBeGreaterThan(0)
    expect(d.train.n + d.validation.n + d.test.n + d.split.skippedWindows).toBe(total)
  })

  it('forward fill and interpolation keep more windows, but never fill a label', () => {
    const skip = prepareData(co2, cfg({ target: 'co2', window: 36, horizon: 12 }))
    const ffill = prepareData(
      co2,
      cfg({ target: 'co2', window: 36, horizon: 12, missing: 'ffill' })
    )
    const interp = prepareData(
      co2,
      cfg({ target: 'co2', window: 36, horizon: 12, missing: 'interpolate' })
    )
    expect(ffill.split.skippedWindows).toBeLessThan(skip.split.skippedWindows)
    // Labels are observations: windows whose target month is missing stay skipped. Of the five
    // missing months only 1964-02..04 can be targets (the first target is row 36 − 1 + 12 = 47).
    expect(ffill.split.skippedWindows).toBe(3)
    expect(interp.split.skippedWindows).toBe(3)
  })

  it('applies each policy to a small column exactly', () => {
    const v = Float64Array.from([NaN, 1, NaN, NaN, 4, NaN])
    expect(Array.from(applyMissingPolicy(v, 'skip'))).toEqual([NaN, 1, NaN, NaN, 4, NaN])
    expect(Array.from(applyMissingPolicy(v, 'ffill'))).toEqual([NaN, 1, 1, 1, 4, 4])
    expect(Array.from(applyMissingPolicy(v, 'interpolate'))).toEqual([NaN, 1, 2, 3, 4, NaN])
  })
})

describe('prepareData errors', () => {
  it('names an unknown column', () => {
    expect(() => prepareData(co2, cfg({ target: 'nope' }))).toThrow(/no column "nope"/)
  })

  it('names the file, line and column of a non-numeric cell', async () => {
    const path = join(dir, 'bad.csv')
    await writeFile(path, 'date,v,w\n2020-01-01,1,1\n2020-01-02,x,2\n2020-01-03,3,3\n')
    const t = await readCsv(path)
    try {
      prepareData(t, cfg({ target: 'w', features: ['v'], window: 1 }))
      throw new Error('expected failure')
    } catch (e) {
      expect(e).toBeInstanceOf(UserFacingError)
      expect((e as UserFacingError).message).toBe(
        'bad.csv, line 3, column "v": "x" is not a number.'
      )
      expect((e as UserFacingError).row).toBe(3)
      expect((e as UserFacingError).column).toBe('v')
    }
  })

  it('says when the series is shorter than window + horizon', () => {
    expect(() =>
      prepareData(sunspots, cfg({ target: 'sunactivity', window: 300, horizon: 20 }))
    ).toThrow(/fewer than window \(300\) \+ horizon \(20\)/)
  })
})

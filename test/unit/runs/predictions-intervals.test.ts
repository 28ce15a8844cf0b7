import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { stepMap } from '../../../src/core/engine/data/output-map'
import { prepareData, type PreparedData } from '../../../src/core/engine/data/prepare'
import { timeLabel, type Table } from '../../../src/core/engine/data/table'
import { evaluateTest } from '../../../src/core/engine/evaluate'
import { readPredictions, writePredictions } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { tempDir } from '../../helpers/paths'

/*
 * 12 months y = 1 3 2 4 3 5 4 6 5 7 6 8; window 2, horizon 2, split 50/25/25:
 * validation windows predict rows 6–8 (step 2), test windows rows 9–11.
 * Model forecasts are chosen, so the conformal half-widths are known by hand.
 */
const Y = [1, 3, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8]
const TEST = [
  [5.5, 6, 6.5],
  [6, 7, 7.5]
]
const VALIDATION = [
  [5, 4, 6], // step 1 actuals 5 4 6: residuals 0 0 0
  [7, 7, 7] // step 2 actuals 4 6 5: residuals 3 1 2
]

/** Split-conformal half-width by hand: the ⌈(n + 1)·L⌉-th smallest |residual|. */
function halfWidth(forecasts: number[], actuals: number[], level: number): number {
  const r = forecasts.map((f, i) => Math.abs(f - actuals[i]!)).sort((a, b) => a - b)
  return r[Math.ceil((r.length + 1) * level) - 1]!
}
const VALIDATION_ACTUALS = [
  [5, 4, 6],
  [4, 6, 5]
]

let table: Table
let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  const path = join(dir, 'hand.csv')
  const rows = Y.map((y, i) => `2020-${String(i + 1).padStart(2, '0')}-01,${y}`)
  await writeFile(path, `date,y\n${rows.join('\n')}\n`)
  table = await readCsv(path)
})
afterAll(() => cleanup())

function scaled(data: PreparedData, forecasts: number[][]): Float32Array {
  const n = forecasts[0]!.length
  const out = new Float32Array(n * data.outputs)
  for (let k = 0; k < data.outputs; k++) {
    const m = stepMap(data.output, k)
    for (let i = 0; i < n; i++) out[i * data.outputs + k] = (forecasts[k]![i]! - m.offset) / m.scale
  }
  return out
}

function run(multiStep: boolean) {
  const intervalLevels = [0.5]
  const data = prepareData(
    table,
    DataConfigSchema.parse({
      target: 'y',
      window: 2,
      horizon: 2,
      multiStep,
      targetMode: 'level',
      split: { train: 0.5, validation: 0.25, test: 0.25 },
      intervalLevels
    })
  )
  const pick = (f: number[][]) => (multiStep ? f : [f[1]!])
  return evaluateTest(
    data,
    scaled(data, pick(TEST)),
    { intervalLevels },
    (row) => timeLabel(table, row),
    scaled(data, pick(VALIDATION))
  )
}

async function readColumns(at: string): Promise<Record<string, number[]>> {
  const [head, ...rows] = (await readFile(join(at, 'predictions.csv'), 'utf8')).trim().split('\n')
  const names = head!.split(',')
  const out: Record<string, number[]> = {}
  names.forEach((n, c) => (out[n] = rows.map((r) => Number(r.split(',')[c]))))
  return out
}

describe('predictions.csv interval bounds', () => {
  it('brackets every step of a multi-step path by its own calibrated half-width', async () => {
    const { evaluation, predictions } = run(true)
    const w = [0, 1].map((k) => halfWidth(VALIDATION[k]!, VALIDATION_ACTUALS[k]!, 0.5))
    expect(w).toEqual([0, 2])
    expect(evaluation.intervals![0]!.halfWidth).toEqual([
      expect.closeTo(w[0]!, 5),
      expect.closeTo(w[1]!, 5)
    ])
    const out = join(dir, 'multi')
    await mkdir(out)
    await writePredictions(out, predictions, evaluation.intervals)
    const c = await readColumns(out)
    for (let k = 1; k <= 2; k++) {
      TEST[k - 1]!.forEach((f, i) => {
        expect(c[`predicted_${k}`]![i]).toBeCloseTo(f, 5)
        expect(c[`lower_50_${k}`]![i]).toBeCloseTo(f - w[k - 1]!, 5)
        expect(c[`upper_50_${k}`]![i]).toBeCloseTo(f + w[k - 1]!, 5)
      })
      // The exported bounds give back the coverage the evaluation reports for the step.
      const inside = c[`actual_${k}`]!.filter(
        (a, i) => a >= c[`lower_50_${k}`]![i]! - 1e-6 && a <= c[`upper_50_${k}`]![i]! + 1e-6
      ).length
      expect(inside / 3).toBeCloseTo(evaluation.intervals![0]!.coverageByStep[k - 1]!, 9)
    }
    // The headline columns (step H) carry step H's band.
    expect(c.lower_50).toEqual(c.lower_50_2)
    expect(c.upper_50).toEqual(c.upper_50_2)
    // The reader still finds the path, and the write left no temporary file behind.
    const back = await readPredictions(out)
    expect(back?.steps).toBe(2)
    expect(back?.path?.map((p) => p.map((v) => Math.round(v * 1e4) / 1e4))).toEqual([
      [5.5, 6],
      [6, 7],
      [6.5, 7.5]
    ])
    expect(await readdir(out)).toEqual(['predictions.csv'])
  })

  it('gives a single-step run the band at step H, and a run without intervals none', async () => {
    const { evaluation, predictions } = run(false)
    const w = halfWidth(VALIDATION[1]!, VALIDATION_ACTUALS[1]!, 0.5)
    const out = join(dir, 'single')
    await mkdir(out)
    await writePredictions(out, predictions, evaluation.intervals)
    const c = await readColumns(out)
    expect(Object.keys(c)).toEqual(['time', 'actual', 'predicted', 'naive', 'lower_50', 'upper_50'])
    TEST[1]!.forEach((f, i) => {
      expect(c.lower_50![i]).toBeCloseTo(f - w, 5)
      expect(c.upper_50![i]).toBeCloseTo(f + w, 5)
    })
    await writePredictions(out, predictions)
    expect(Object.keys(await readColumns(out))).toEqual(['time', 'actual', 'predicted', 'naive'])
  })
})

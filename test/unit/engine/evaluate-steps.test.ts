import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { stepMap } from '../../../src/core/engine/data/output-map'
import { prepareData, type PreparedData } from '../../../src/core/engine/data/prepare'
import { timeLabel, type Table } from '../../../src/core/engine/data/table'
import { evaluateTest } from '../../../src/core/engine/evaluate'
import { maseScale, seasonalRow } from '../../../src/core/engine/evaluate-steps'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { baselineLosses, coveragePercents } from '../../../src/shared/forecast-facts'
import { tempDir } from '../../helpers/paths'

/*
 * A hand-made table, 12 months: y = 1 3 2 4 3 5 4 6 5 7 6 8 (rows 0–11).
 * Window 2, horizon 2, multi-step; split 50/25/25 → training rows 0–5,
 * validation rows 6–8, test rows 9–11. Window s ends at row s + 1 and
 * predicts rows s + 2 (step 1) and s + 3 (step 2).
 *   test windows s = 6, 7, 8: last values 6 5 7; step 1 actuals 5 7 6; step 2 actuals 7 6 8
 *   validation windows s = 3, 4, 5: step 1 actuals 5 4 6; step 2 actuals 4 6 5
 */
const Y = [1, 3, 2, 4, 3, 5, 4, 6, 5, 7, 6, 8]
const TEST_FORECASTS = [
  [5.5, 6, 6.5], // step 1: errors +0.5 −1 +0.5
  [6, 7, 7.5] // step 2: errors −1 +1 −0.5
]
const VALIDATION_FORECASTS = [
  [5, 4, 6], // step 1: residuals 0 0 0
  [7, 7, 7] // step 2: residuals 3 1 2
]

let table: Table
let cleanup: () => Promise<void>
beforeAll(async () => {
  const made = await tempDir()
  cleanup = made.cleanup
  const path = join(made.dir, 'hand.csv')
  const rows = Y.map((y, i) => `2020-${String(i + 1).padStart(2, '0')}-01,${y}`)
  await writeFile(path, `date,y\n${rows.join('\n')}\n`)
  table = await readCsv(path)
})
afterAll(() => cleanup())

/** The scaled model outputs (n × H) that the output map turns into these forecasts. */
function scaledOutputs(data: PreparedData, forecasts: number[][]): Float32Array {
  const n = forecasts[0]!.length
  const out = new Float32Array(n * data.outputs)
  for (let k = 0; k < data.outputs; k++) {
    const m = stepMap(data.output, k)
    for (let i = 0; i < n; i++) out[i * data.outputs + k] = (forecasts[k]![i]! - m.offset) / m.scale
  }
  return out
}

function evaluate(seasonLength?: number, intervalLevels = [0.5]) {
  const data = prepareData(
    table,
    DataConfigSchema.parse({
      target: 'y',
      window: 2,
      horizon: 2,
      multiStep: true,
      targetMode: 'level',
      split: { train: 0.5, validation: 0.25, test: 0.25 },
      intervalLevels
    })
  )
  expect([...data.test.targetRows]).toEqual([9, 10, 11])
  expect([...data.validation.targetRows]).toEqual([6, 7, 8])
  return evaluateTest(
    data,
    scaledOutputs(data, TEST_FORECASTS),
    { seasonLength, intervalLevels },
    (row) => timeLabel(table, row),
    scaledOutputs(data, VALIDATION_FORECASTS)
  )
}

const close = (x: number) => expect.closeTo(x, 5)

describe('per-step evaluation on a hand-made table', () => {
  it('scores the model and the naive forecasts at every step, by hand', () => {
    const { evaluation } = evaluate(2)
    expect(evaluation.byStep).toEqual([
      {
        step: 1,
        // MASE scale with season 2: |y_t − y_{t−2}| over training rows 2–5 = 1 1 1 1 → 1
        model: {
          mse: close(0.5),
          rmse: close(Math.sqrt(0.5)),
          mae: close(2 / 3),
          mase: close(2 / 3)
        },
        // naive 6 5 7 against 5 7 6: errors 1 −2 1
        naive: { mse: close(2), rmse: close(Math.sqrt(2)), mae: close(4 / 3) },
        // seasonal naive copies row last − 1 (rows 6 7 8 = 4 6 5) against 5 7 6
        seasonalNaive: { mse: close(1), rmse: close(1), mae: close(1) }
      },
      {
        step: 2,
        model: {
          mse: close(0.75),
          rmse: close(Math.sqrt(0.75)),
          mae: close(2.5 / 3),
          mase: close(2.5 / 3)
        },
        // naive 6 5 7 against 7 6 8
        naive: { mse: close(1), rmse: close(1), mae: close(1) },
        // seasonal naive copies the last row itself (season 2, step 2): the naive values
        seasonalNaive: { mse: close(1), rmse: close(1), mae: close(1) }
      }
    ])
    // The top level stays "at step H".
    expect(evaluation.model.rmse).toBeCloseTo(Math.sqrt(0.75), 5)
    expect(evaluation.naive.mae).toBeCloseTo(1, 5)
  })

  it('scales MASE by the naive forecast without a season', () => {
    const { evaluation } = evaluate(undefined)
    // |y_t − y_{t−1}| over training rows 1–5 = 2 1 2 1 2 → 1.6
    expect(evaluation.byStep!.map((s) => s.model.mase)).toEqual([
      expect.closeTo(2 / 3 / 1.6, 5),
      expect.closeTo(2.5 / 3 / 1.6, 5)
    ])
    expect(evaluation.byStep!.map((s) => s.seasonalNaive)).toEqual([null, null])
    expect(evaluation.seasonalNaive).toBeNull()
  })

  it('calibrates intervals on the validation residuals and counts test coverage', () => {
    const { evaluation } = evaluate(2, [0.5, 0.8])
    // n = 3, L = 0.5: rank ⌈2⌉ = 2. Step 1 residuals 0 0 0 → 0; step 2: 1 2 3 → 2.
    // Test errors: step 1 0.5 1 0.5 (none ≤ 0); step 2 1 1 0.5 (all ≤ 2).
    expect(evaluation.intervals).toEqual([
      {
        level: 0.5,
        coverage: 0.5,
        coverageByStep: [0, 1],
        halfWidth: [expect.closeTo(0, 5), expect.closeTo(2, 5)]
      }
    ])
    // L = 0.8 needs ⌈0.8 / 0.2⌉ = 4 windows; there are 3.
    expect(evaluation.intervalNotes).toEqual([
      expect.objectContaining({
        code: 'intervals-too-few',
        params: { percent: 80, n: 3, needed: 4 }
      })
    ])
  })

  it('compares with the baselines on the validation windows too, and says where it loses', () => {
    const { evaluation } = evaluate(2, [0.5])
    // Validation at step 2: forecasts 7 7 7 against 4 6 5 (errors 3 1 2); naive and seasonal
    // naive (season 2 at step 2 copies the last row) 3 5 4 against 4 6 5 (errors −1 −1 −1).
    expect(evaluation.validation).toEqual({
      windows: 3,
      model: { mse: close(14 / 3), rmse: close(Math.sqrt(14 / 3)), mae: close(2) },
      naive: { mse: close(1), rmse: close(1), mae: close(1) },
      seasonalNaive: { mse: close(1), rmse: close(1), mae: close(1) }
    })
    // On test (step 2) the model's RMSE √0.75 beats both baselines' 1; on validation it loses.
    expect(baselineLosses(evaluation)).toEqual([
      {
        part: 'validation',
        baseline: 'naive',
        modelRmse: close(Math.sqrt(14 / 3)),
        baselineRmse: 1
      },
      {
        part: 'validation',
        baseline: 'seasonalNaive',
        modelRmse: close(Math.sqrt(14 / 3)),
        baselineRmse: 1
      }
    ])
    expect(coveragePercents(evaluation)).toEqual([{ level: 0.5, nominal: 50, observed: 50 }])
  })

  it('gives each test window its path with the time and actual of every step', () => {
    const { predictions } = evaluate(2)
    expect(predictions.steps).toBe(2)
    expect(predictions.time).toEqual(['2020-10-01', '2020-11-01', '2020-12-01'])
    expect(predictions.actual).toEqual([7, 6, 8])
    expect(predictions.path).toEqual([
      [expect.closeTo(5.5, 5), expect.closeTo(6, 5)],
      [expect.closeTo(6, 5), expect.closeTo(7, 5)],
      [expect.closeTo(6.5, 5), expect.closeTo(7.5, 5)]
    ])
    expect(predictions.pathTime).toEqual([
      ['2020-09-01', '2020-10-01'],
      ['2020-10-01', '2020-11-01'],
      ['2020-11-01', '2020-12-01']
    ])
    expect(predictions.pathActual).toEqual([
      [5, 7],
      [7, 6],
      [6, 8]
    ])
  })

  it('copies the same season of the last observed season, whatever the step', () => {
    // season 4, origin row 10: steps 1–4 copy rows 7–10, steps 5–8 rows 7–10 again
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((h) => seasonalRow(10, h, 4))).toEqual([
      7, 8, 9, 10, 7, 8, 9, 10
    ])
    expect(maseScale(Float64Array.from([1, NaN, 3, 6]), 4)).toBe(3) // only the pair (3, 6)
    expect(maseScale(Float64Array.from([2, 2, 2]), 3)).toBeNull()
  })
})

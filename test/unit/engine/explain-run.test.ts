import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { meanBaseline, shapleyExact, timeGrouping, zerosBaseline } from '../../../src/explain'
import {
  explainRun,
  loadRunForExplain,
  planRunExplanation,
  type LoadedRun
} from '../../../src/core/engine/explain/explain-run'
import { predictFnFor } from '../../../src/core/engine/explain/model-fns'
import { forecastLatest, stepForward } from '../../../src/core/engine/forecast'
import { globalImportanceRun, spreadIndices } from '../../../src/core/engine/explain/global-run'
import { runTraining } from '../../../src/core/engine/run-training'
import { explanationToCsv } from '../../../src/core/exports/explanation-csv'
import { listExplanations, saveExplanation } from '../../../src/core/runs/explanation-store'
import { readRunDetail } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import {
  ExplainJobSchema,
  ExplanationRecordSchema,
  GlobalJobSchema
} from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'
import type { Table } from '../../../src/core/engine/data/table'

let dir: string
let cleanup: () => Promise<void>
let loaded: LoadedRun

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  const backend = await testBackend()
  const runDir = join(dir, 'run')
  await runTraining(
    {
      runId: 'run',
      runDir,
      dataset: {
        name: 'seattle_weather_daily.csv',
        path: datasetPath('seattle_weather_daily.csv')
      },
      data: DataConfigSchema.parse({
        target: 'temp_max',
        features: ['temp_min'],
        window: 6,
        horizon: 1,
        targetMode: 'level'
      }),
      model: ModelConfigSchema.parse({
        layers: 1,
        units: 6,
        epochs: 2,
        dropout: 0,
        learningRate: 0.01
      })
    },
    { backend }
  )
  loaded = await loadRunForExplain(runDir)
}, 120_000)
afterAll(() => cleanup())

describe('explaining a trained run', () => {
  it('matches exact enumeration run independently on the same model, in original units', async () => {
    const job = ExplainJobSchema.parse({
      method: 'kernelshap',
      level: 'time',
      index: 4,
      baseline: 'zeros'
    })
    const record = await explainRun(loaded, job)
    expect(ExplanationRecordSchema.parse(record)).toEqual(record)
    // Independent reference: exact Shapley values straight from the library on the loaded model.
    const { data, model } = loaded
    const size = data.steps * data.features
    const game = {
      x: data.test.x.slice(4 * size, 5 * size),
      baseline: zerosBaseline({ steps: 6, features: 2 }),
      grouping: timeGrouping({ steps: 6, features: 2 })
    }
    const exact = await shapleyExact(game, predictFnFor(model, 6, 2))
    const scale = data.scaler.columns[0]!.scale
    const values = record.attributions as number[]
    expect(values).toHaveLength(6)
    values.forEach((v, t) => expect(v).toBeCloseTo(exact.values[t]! * scale, 4))
    // Additivity in the target's units: Σφ = prediction − baseline prediction.
    const sum = values.reduce((a, b) => a + b, 0)
    expect(sum).toBeCloseTo(record.prediction - record.baselinePrediction, 4)
    expect(record.window.time).toHaveLength(6)
    expect(record.window.values[5]).toEqual([
      data.inputs[0]![data.test.targetRows[4]! - 1],
      data.inputs[1]![data.test.targetRows[4]! - 1]
    ])
    expect(record.actual).toBe(data.observedTarget[data.test.targetRows[4]!])
    expect(record.modelCalls).toBe(planRunExplanation(job, loaded).total)
  })

  it('explains cells as a T × F grid and writes T × F CSV rows', async () => {
    const job = ExplainJobSchema.parse({
      method: 'exact',
      level: 'cell',
      index: 0,
      baseline: 'mean'
    })
    const record = await explainRun(loaded, job)
    const grid = record.attributions as number[][]
    expect(grid).toHaveLength(6)
    expect(grid.every((row) => row.length === 2)).toBe(true)
    const csv = explanationToCsv(record).trim().split('\n')
    expect(csv[0]).toBe('date,lag,feature,value,attribution,player')
    expect(csv).toHaveLength(1 + 6 * 2)
    expect(csv[1]!.split(',').slice(1, 3)).toEqual(['5', 'temp_max'])
  })

  it('reports LIME fidelity and the trust checks when asked', async () => {
    const job = ExplainJobSchema.parse({
      method: 'lime',
      level: 'feature',
      index: 2,
      checks: true,
      randomisation: true,
      samples: 300
    })
    const record = await explainRun(loaded, job)
    expect(record.fidelity.limeR2).toBeGreaterThan(0)
    expect(record.fidelity.limeR2).toBeLessThanOrEqual(1)
    expect(record.checks.deletion!.x.length).toBe(3)
    expect(record.checks.randomisationSpearman).not.toBeNull()
    await saveExplanation(loaded.run.dir, record)
    expect((await listExplanations(loaded.run.dir)).map((r) => r.id)).toContain(record.id)
  })

  it('global importance by lag equals the mean |exact Shapley value| over the chosen windows', async () => {
    const job = GlobalJobSchema.parse({ method: 'exact', baseline: 'zeros', windows: 3 })
    const record = await globalImportanceRun(loaded, job)
    const { data, model } = loaded
    expect(record.indices).toEqual(spreadIndices(data.test.n, 3))
    expect(record.indices[0]).toBe(0)
    expect(record.indices[2]).toBe(data.test.n - 1)
    expect(record.lags).toEqual([5, 4, 3, 2, 1, 0])
    const size = data.steps * data.features
    const sums = new Array<number>(6).fill(0)
    for (const w of record.indices) {
      const exact = await shapleyExact(
        {
          x: data.test.x.slice(w * size, (w + 1) * size),
          baseline: zerosBaseline({ steps: 6, features: 2 }),
          grouping: timeGrouping({ steps: 6, features: 2 })
        },
        predictFnFor(model, 6, 2)
      )
      exact.values.forEach((v, t) => (sums[t]! += Math.abs(v)))
    }
    const scale = data.scaler.columns[0]!.scale
    record.byLag.forEach((v, t) => expect(v).toBeCloseTo((sums[t]! / 3) * scale, 4))
    expect(record.byFeature).toHaveLength(2)
  })

  it('forecasts past the end of the data from the last window', async () => {
    const f = await forecastLatest(loaded)
    const { data, model, table } = loaded
    expect(f.windowEnd).toBe('2015-12-31')
    expect(f.targetTime).toBe('2016-01-01')
    // Independent: scale the last 6 rows by hand and ask the model.
    const x = new Float32Array(12)
    for (let t = 0; t < 6; t++) {
      for (let f2 = 0; f2 < 2; f2++) {
        const c = data.scaler.columns[f2]!
        x[t * 2 + f2] = (data.inputs[f2]![table.rows - 6 + t]! - c.shift) / c.scale
      }
    }
    const [y] = await predictFnFor(model, 6, 2)(x, 1)
    const c0 = data.scaler.columns[0]!
    expect(f.value).toBeCloseTo(y! * c0.scale + c0.shift, 4)
  })

  it("explains the whole forecast of a 'change' model: last value plus predicted change", async () => {
    const backend = await testBackend()
    const runDir = join(dir, 'change')
    await runTraining(
      {
        runId: 'change',
        runDir,
        dataset: { name: 'co2.csv', path: datasetPath('co2_mauna_loa_monthly.csv') },
        data: DataConfigSchema.parse({
          target: 'co2',
          window: 8,
          horizon: 3,
          missing: 'interpolate',
          targetMode: 'change'
        }),
        model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs: 1, dropout: 0 })
      },
      { backend }
    )
    const change = await loadRunForExplain(runDir)
    const asked = { method: 'exact', level: 'time', index: 10, baseline: 'mean' } as const
    const job = ExplainJobSchema.parse({ ...asked, quantity: 'forecast' })
    const record = await explainRun(change, job)
    // The forecast the explanation explains is the one evaluation reported for that window.
    const detail = await readRunDetail(runDir)
    expect(record.prediction).toBeCloseTo(detail.predictions!.predicted[10]!, 3)
    const sum = (record.attributions as number[]).reduce((a, b) => a + b, 0)
    expect(sum).toBeCloseTo(record.prediction - record.baselinePrediction, 4)

    // Or just the predicted change — what a model trained on changes explains when the job does
    // not say (defaultQuantity): the raw model output, checked against exact Shapley on it.
    const changeJob = ExplainJobSchema.parse(asked)
    const delta = await explainRun(change, changeJob)
    expect(delta.quantity).toBe('change')
    const { data } = change
    const lastValue = data.target[data.test.targetRows[10]! - 3]!
    expect(delta.prediction + lastValue).toBeCloseTo(detail.predictions!.predicted[10]!, 3)
    expect(delta.actual + lastValue).toBeCloseTo(detail.predictions!.actual[10]!, 6)
    const exact = await shapleyExact(
      {
        x: data.test.x.slice(10 * 8, 11 * 8),
        baseline: meanBaseline(data.train.x, data.train.n, { steps: 8, features: 1 }),
        grouping: timeGrouping({ steps: 8, features: 1 })
      },
      predictFnFor(change.model, 8, 1)
    )
    ;(delta.attributions as number[]).forEach((v, t) =>
      expect(v).toBeCloseTo(exact.values[t]! * data.output.scale, 4)
    )
    change.model.dispose()
  })

  it('refuses to explain a change for a model trained on levels', async () => {
    await expect(
      explainRun(loaded, ExplainJobSchema.parse({ quantity: 'change', index: 0 }))
    ).rejects.toThrow(/trained on changes/)
  })

  it('refuses a test window that does not exist', async () => {
    const job = ExplainJobSchema.parse({ index: 100_000 })
    await expect(explainRun(loaded, job)).rejects.toThrow(/Test window 100000 does not exist/)
  })
})

describe('stepForward', () => {
  const table = (stamps: string[], clock = false): Table =>
    ({
      name: 't',
      path: 't',
      rows: stamps.length,
      timeColumn: 'date',
      time: Float64Array.from(stamps.map((s) => Date.parse(s))),
      timeHasClock: clock,
      columns: [],
      lines: new Int32Array(stamps.length),
      delimiter: ','
    }) satisfies Table

  it('counts calendar months for monthly, quarterly and yearly data', () => {
    expect(stepForward(table(['2020-01-01', '2020-02-01']), 12)).toBe('2021-02-01')
    expect(stepForward(table(['2020-01-01', '2020-04-01']), 2)).toBe('2020-10-01')
    expect(stepForward(table(['2007-01-01', '2008-01-01']), 11)).toBe('2019-01-01')
  })

  it('adds the last step for daily and clocked data, and counts rows without time', () => {
    expect(stepForward(table(['2020-02-27', '2020-02-28']), 2)).toBe('2020-03-01')
    expect(stepForward(table(['2020-01-01T00:00:00Z', '2020-01-01T01:00:00Z'], true), 3)).toBe(
      '2020-01-01T04:00:00.000Z'
    )
    expect(stepForward({ ...table(['2020-01-01', '2020-01-02']), time: null }, 1)).toBe('2')
  })
})

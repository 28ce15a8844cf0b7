import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData, type PreparedData } from '../../../src/core/engine/data/prepare'
import { timeLabel } from '../../../src/core/engine/data/table'
import { evaluateTest, metrics } from '../../../src/core/engine/evaluate'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { withSeededMathRandom } from '../../../src/core/engine/seeded-random'
import { fitModel, predictWindows } from '../../../src/core/engine/train/fit'
import { Throttle } from '../../../src/core/engine/train/throttle'
import { UserFacingError } from '../../../src/core/errors'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ModelConfigSchema, type ModelConfigInput } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath } from '../../helpers/paths'

let data: PreparedData
let table: Awaited<ReturnType<typeof readCsv>>
const small = (over: ModelConfigInput = {}) =>
  ModelConfigSchema.parse({
    layers: 1,
    units: 8,
    dropout: 0,
    learningRate: 0.01,
    epochs: 12,
    ...over
  })

beforeAll(async () => {
  await testBackend()
  table = await readCsv(datasetPath('sunspots_yearly.csv'))
  data = prepareData(
    table,
    DataConfigSchema.parse({ target: 'sunactivity', window: 12, horizon: 1 })
  )
})

describe('fitModel', () => {
  it('learns sunspots well enough to beat the naive forecast on the test years', async () => {
    const config = small()
    const model = buildModel(config, data)
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    expect(fit.history).toHaveLength(12)
    expect(fit.history.at(-1)!.loss).toBeLessThan(fit.history[0]!.loss)
    const scaled = await predictWindows(model, data.test.x, data.test.n, data.steps, data.features)
    const { evaluation, predictions } = evaluateTest(data, scaled, {}, (r) => timeLabel(table, r))
    expect(evaluation.windows).toBe(data.test.n)
    expect(predictions.time[0]).toBe(`${1700 + data.test.targetRows[0]!}-01-01`)
    expect(evaluation.model.rmse).toBeLessThan(evaluation.naive.rmse)
    model.dispose()
  })

  it("learns the rising CO2 series in 'change' mode and beats the naive forecast 12 months ahead", async () => {
    const co2 = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
    const d = prepareData(
      co2,
      DataConfigSchema.parse({
        target: 'co2',
        window: 36,
        horizon: 12,
        seasonLength: 12,
        missing: 'interpolate',
        targetMode: 'change'
      })
    )
    const config = small({ units: 16, epochs: 25 })
    const model = buildModel(config, d)
    await withSeededMathRandom(config.seed, () => fitModel(model, d, config))
    const scaled = await predictWindows(model, d.test.x, d.test.n, d.steps, d.features)
    const { evaluation } = evaluateTest(d, scaled, { seasonLength: 12 }, (r) => timeLabel(co2, r))
    expect(evaluation.model.rmse).toBeLessThan(evaluation.naive.rmse)
    expect(evaluation.model.rmse).toBeLessThan(evaluation.seasonalNaive!.rmse)
    model.dispose()
  })

  it('is repeatable: the same seed gives the same losses, dropout included', async () => {
    const config = small({ epochs: 2, dropout: 0.2 })
    const run = async () => {
      const m = buildModel(config, data)
      const f = await withSeededMathRandom(config.seed, () => fitModel(m, data, config))
      m.dispose()
      return f.history.map((h) => h.loss)
    }
    expect(await run()).toEqual(await run())
  })

  it('stops within one batch of a cancel', async () => {
    const config = small({ epochs: 50, batchSize: 8 })
    const model = buildModel(config, data)
    const signal = { aborted: false }
    let batchesAfterCancel = 0
    const fit = await fitModel(model, data, config, {
      signal,
      progressIntervalMs: 0,
      onBatch: (p) => {
        if (signal.aborted) batchesAfterCancel += 1
        if (p.epoch === 2 && p.batch === 3) signal.aborted = true
      }
    })
    expect(fit.cancelled).toBe(true)
    expect(batchesAfterCancel).toBe(0)
    expect(fit.history).toHaveLength(1) // the interrupted epoch is not counted
    model.dispose()
  })

  it('stops with an explanation when the loss becomes NaN', async () => {
    const config = small({ epochs: 3, learningRate: 1 })
    const model = buildModel(config, data)
    // Poison the weights so the very first batch is not finite.
    model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, Number.NaN)))
    const error = await fitModel(model, data, config).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserFacingError)
    expect((error as UserFacingError).code).toBe('non-finite-loss')
    expect((error as UserFacingError).message).toMatch(
      /loss became NaN at epoch 1, batch 1.*learning rate/
    )
    model.dispose()
  })

  it('early stopping restores the best weights', async () => {
    // A learning rate this high makes validation loss bounce, so patience triggers.
    const config = small({
      epochs: 40,
      learningRate: 0.3,
      earlyStopping: { enabled: true, patience: 2, restoreBestWeights: true }
    })
    const model = buildModel(config, data)
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    expect(fit.stoppedEarly).toBe(true)
    const best = Math.min(...fit.history.map((h) => h.valLoss!))
    expect(fit.history[fit.bestEpoch - 1]!.valLoss).toBe(best)
    const scaled = await predictWindows(
      model,
      data.validation.x,
      data.validation.n,
      data.steps,
      data.features
    )
    let mse = 0
    for (let i = 0; i < data.validation.n; i++) mse += (scaled[i]! - data.validation.y[i]!) ** 2
    expect(mse / data.validation.n).toBeCloseTo(best, 4)
    model.dispose()
  })

  it('reports progress at most once per interval, plus each epoch end', async () => {
    let clock = 0
    const config = small({ epochs: 2, batchSize: 4 })
    const model = buildModel(config, data)
    const seen: number[] = []
    await fitModel(model, data, config, {
      now: () => (clock += 30), // every call to the clock advances 30 ms
      progressIntervalMs: 1000,
      onBatch: (p) => seen.push(p.batch)
    })
    const batches = Math.ceil(data.train.n / 4)
    expect(seen.length).toBeLessThan(batches / 2)
    expect(seen.filter((b) => b === batches)).toHaveLength(2)
    model.dispose()
  })
})

describe('metrics', () => {
  it('matches the closed forms', () => {
    expect(metrics([1, 2, 3], [2, 2, 5])).toEqual({ mse: 5 / 3, rmse: Math.sqrt(5 / 3), mae: 1 })
  })
})

describe('Throttle', () => {
  it('lets one event through per interval', () => {
    let t = 0
    const th = new Throttle(100, () => t)
    const out: boolean[] = []
    for (t = 0; t <= 250; t += 50) out.push(th.ready())
    expect(out).toEqual([true, false, true, false, true, false])
  })
})

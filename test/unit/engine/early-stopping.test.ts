import type * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData, type PreparedData } from '../../../src/core/engine/data/prepare'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { withSeededMathRandom } from '../../../src/core/engine/seeded-random'
import {
  evaluateLoss,
  fitModel,
  labelVariance,
  predictWindows
} from '../../../src/core/engine/train/fit'
import { createRng } from '../../../src/explain'
import { finishNotice } from '../../../src/core/engine/run-notice'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ModelConfigSchema, REFERENCE_MODEL } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath } from '../../helpers/paths'

let real: PreparedData
beforeAll(async () => {
  await testBackend()
  const table = await readCsv(datasetPath('sunspots_yearly.csv'))
  real = prepareData(table, DataConfigSchema.parse({ target: 'sunactivity', window: 8 }))
})

/**
 * Real windows with labels that pull apart: the validation labels are the
 * fresh model's own predictions (validation loss 0 before training), the
 * training labels lie 3 above them, so the validation loss grows as it learns.
 */
async function diverging(model: tf.LayersModel): Promise<PreparedData> {
  const start = await predictWindows(model, real.validation.x, real.validation.n, 8, 1)
  return {
    ...real,
    train: { ...real.train, y: new Float32Array(real.train.n).fill(3) },
    validation: { ...real.validation, y: start }
  }
}

describe('early stopping, on by default', () => {
  it('is the default, watching the validation loss with patience 10', () => {
    expect(REFERENCE_MODEL.earlyStopping).toEqual({
      enabled: true,
      patience: 10,
      restoreBestWeights: true
    })
  })

  it('keeps the best epoch even when every epoch ran', async () => {
    const config = ModelConfigSchema.parse({
      layers: 1,
      units: 4,
      dropout: 0,
      epochs: 6,
      learningRate: 0.01,
      earlyStopping: { enabled: true, patience: 100 }
    })
    const model = buildModel(config, real)
    const data = await diverging(model)
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    const valLosses = fit.history.map((h) => h.valLoss!)
    expect(fit.history).toHaveLength(6)
    expect(fit.stoppedEarly).toBe(false)
    const best = valLosses.indexOf(Math.min(...valLosses)) + 1
    expect(best).toBeLessThan(6)
    expect(fit.bestEpoch).toBe(best)
    // The model holds the best epoch's weights: its validation loss is that epoch's.
    expect(await evaluateLoss(model, data.validation, data.steps, data.features)).toBeCloseTo(
      valLosses[best - 1]!,
      5
    )
    expect(finishNotice(fit, true)).toMatchObject({
      code: 'restored-best-epoch',
      params: { epochs: 6, bestEpoch: best }
    })
    model.dispose()
  })

  it('keeps the last epoch when early stopping is off', async () => {
    const config = ModelConfigSchema.parse({
      layers: 1,
      units: 4,
      dropout: 0,
      epochs: 6,
      learningRate: 0.01,
      earlyStopping: { enabled: false }
    })
    const model = buildModel(config, real)
    const data = await diverging(model)
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    expect(fit.bestEpoch).toBe(6)
    expect(await evaluateLoss(model, data.validation, data.steps, data.features)).toBeCloseTo(
      fit.history[5]!.valLoss!,
      5
    )
    expect(finishNotice(fit, true)).toBeNull()
    model.dispose()
  })

  it('does not stop a model that has not left the no-skill loss yet', async () => {
    // Training labels no window can predict (seeded noise): the training loss stays at their
    // variance. Validation labels are the fresh model's own outputs, so every step it takes
    // makes the validation loss worse, and patience 1 alone would stop it after epoch 2.
    const rng = createRng(11)
    const config = ModelConfigSchema.parse({
      layers: 1,
      units: 2,
      dropout: 0,
      epochs: 6,
      learningRate: 0.001,
      earlyStopping: { enabled: true, patience: 1 }
    })
    const model = buildModel(config, real)
    const data: PreparedData = {
      ...real,
      train: { ...real.train, y: Float32Array.from({ length: real.train.n }, () => rng.normal()) },
      validation: {
        ...real.validation,
        y: await predictWindows(model, real.validation.x, real.validation.n, 8, 1)
      }
    }
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    const variance = labelVariance(data.train)
    expect(fit.history.every((h) => h.loss >= 0.99 * variance)).toBe(true)
    const val = fit.history.map((h) => h.valLoss!)
    expect(val[1]).toBeGreaterThan(val[0]!)
    expect(fit.stoppedEarly).toBe(false)
    expect(fit.history).toHaveLength(6)
    model.dispose()
  })

  it('measures the no-skill loss per output', () => {
    const set = {
      n: 3,
      outputs: 2,
      x: new Float32Array(0),
      y: Float32Array.from([1, 10, 2, 10, 3, 16]),
      targetRows: new Int32Array(3)
    }
    // variances: (1, 2, 3) → 2/3; (10, 10, 16) → 8; mean 13/3
    expect(labelVariance(set)).toBeCloseTo(13 / 3, 5)
  })
})

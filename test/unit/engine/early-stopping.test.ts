import type * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData, type PreparedData } from '../../../src/core/engine/data/prepare'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { withSeededMathRandom } from '../../../src/core/engine/seeded-random'
import { evaluateLoss, fitModel, predictWindows } from '../../../src/core/engine/train/fit'
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
function diverging(model: tf.LayersModel): PreparedData {
  const start = predictWindows(model, real.validation.x, real.validation.n, 8, 1)
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
    const data = diverging(model)
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    const valLosses = fit.history.map((h) => h.valLoss!)
    expect(fit.history).toHaveLength(6)
    expect(fit.stoppedEarly).toBe(false)
    const best = valLosses.indexOf(Math.min(...valLosses)) + 1
    expect(best).toBeLessThan(6)
    expect(fit.bestEpoch).toBe(best)
    // The model holds the best epoch's weights: its validation loss is that epoch's.
    expect(evaluateLoss(model, data.validation, data.steps, data.features, 32)).toBeCloseTo(
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
    const data = diverging(model)
    const fit = await withSeededMathRandom(config.seed, () => fitModel(model, data, config))
    expect(fit.bestEpoch).toBe(6)
    expect(evaluateLoss(model, data.validation, data.steps, data.features, 32)).toBeCloseTo(
      fit.history[5]!.valLoss!,
      5
    )
    expect(finishNotice(fit, true)).toBeNull()
    model.dispose()
  })
})

import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { ModelConfigSchema, REFERENCE_MODEL } from '../../../src/shared/model-config'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

describe('buildModel', () => {
  it('builds the reference model by default', () => {
    expect(REFERENCE_MODEL).toMatchObject({
      cell: 'lstm',
      layers: 3,
      units: 50,
      dropout: 0.2,
      learningRate: 0.001,
      epochs: 100,
      batchSize: 32
    })
    const model = buildModel(REFERENCE_MODEL, { steps: 60, features: 1 })
    const layers = model.layers.map((l) => {
      const c = l.getConfig()
      return [l.getClassName(), c['units'] ?? c['rate'], c['returnSequences'] ?? null]
    })
    expect(layers).toEqual([
      ['LSTM', 50, true],
      ['Dropout', 0.2, null],
      ['LSTM', 50, true],
      ['Dropout', 0.2, null],
      ['LSTM', 50, false],
      ['Dropout', 0.2, null],
      ['Dense', 1, null]
    ])
    for (const l of model.layers.filter((x) => x.getClassName() === 'LSTM')) {
      expect(l.getConfig()['recurrentActivation']).toBe('sigmoid')
      expect(l.getConfig()['activation']).toBe('tanh')
    }
    // 4·(U·(F+U) + U) per LSTM layer + Dense(U+1): Keras reports 50,851 for this stack.
    expect(model.countParams()).toBe(4 * (50 * 51 + 50) + 2 * 4 * (50 * 100 + 50) + 51)
    expect(model.loss).toBe('meanSquaredError')
    expect(model.optimizer.getClassName()).toBe('Adam')
    model.dispose()
  })

  it('builds GRU and SimpleRNN stacks of the configured size', () => {
    const gru = buildModel(
      ModelConfigSchema.parse({ cell: 'gru', layers: 2, units: 8, dropout: 0 }),
      {
        steps: 5,
        features: 3
      }
    )
    expect(gru.layers.map((l) => l.getClassName())).toEqual(['GRU', 'GRU', 'Dense'])
    const rnn = buildModel(ModelConfigSchema.parse({ cell: 'rnn', layers: 1, units: 4 }), {
      steps: 5,
      features: 1
    })
    expect(rnn.layers.map((l) => l.getClassName())).toEqual(['SimpleRNN', 'Dropout', 'Dense'])
    gru.dispose()
    rnn.dispose()
  })

  it('gives the same initial weights for the same seed, different ones for another', () => {
    const cfg = (seed: number) => ModelConfigSchema.parse({ layers: 1, units: 6, seed })
    const weights = (seed: number) => {
      const m = buildModel(cfg(seed), { steps: 4, features: 2 })
      const w = m.getWeights().map((t) => Array.from(t.dataSync()))
      m.dispose()
      return w
    }
    expect(weights(7)).toEqual(weights(7))
    expect(weights(7)).not.toEqual(weights(8))
  })
})

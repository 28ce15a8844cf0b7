import * as tf from '@tensorflow/tfjs'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  convertModel,
  createAdam,
  createDropoutLayer,
  createRecurrentLayer,
  fusedTrainStep
} from '../../../src/core/kernels'
import { kernelHeap } from '../../../src/core/kernels/runtime'
import { relError, useBackend, values } from './helpers'

const WINDOW = 8

/** Yearly sunspots, min-max scaled, as [window] -> next value pairs split 80/20 in time. */
function sunspots(): { train: [tf.Tensor3D, tf.Tensor2D]; test: [tf.Tensor3D, tf.Tensor2D] } {
  const lines = readFileSync('/work/shared/datasets/sunspots_yearly.csv', 'utf8').trim().split('\n')
  const series = lines.slice(1).map((line) => Number(line.split(',')[1]))
  const lo = Math.min(...series)
  const hi = Math.max(...series)
  const scaled = series.map((v) => (v - lo) / (hi - lo))
  const xs: number[][][] = []
  const ys: number[][] = []
  for (let i = 0; i + WINDOW < scaled.length; i++) {
    xs.push(scaled.slice(i, i + WINDOW).map((v) => [v]))
    ys.push([scaled[i + WINDOW] ?? 0])
  }
  const cut = Math.floor(xs.length * 0.8)
  return {
    train: [tf.tensor3d(xs.slice(0, cut)), tf.tensor2d(ys.slice(0, cut))],
    test: [tf.tensor3d(xs.slice(cut)), tf.tensor2d(ys.slice(cut))]
  }
}

function model(path: 'fused' | 'stock', dropout: boolean): tf.LayersModel {
  const m = tf.sequential()
  const seeded = { kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }
  m.add(
    createRecurrentLayer('lstm', { units: 6, returnSequences: true, inputShape: [WINDOW, 1] }, path)
  )
  m.add(createRecurrentLayer('gru', { units: 5, returnSequences: false }, path))
  if (dropout) m.add(createDropoutLayer(0.2, path))
  m.add(tf.layers.dense({ units: 1, ...seeded }))
  m.compile({ optimizer: createAdam(0.01, path), loss: 'meanSquaredError' })
  return m
}

function rmse(m: tf.LayersModel, [x, y]: [tf.Tensor3D, tf.Tensor2D]): number {
  return tf.tidy(() =>
    Math.sqrt(values(tf.losses.meanSquaredError(y, m.predict(x) as tf.Tensor))[0] ?? NaN)
  )
}

describe('fused training on sunspots_yearly.csv', () => {
  beforeAll(() => useBackend('cpu'))

  it('reaches the same test RMSE as the stock layers from the same weights', async () => {
    const data = sunspots()
    const stock = model('stock', false)
    const fused = model('fused', false)
    fused.setWeights(stock.getWeights())
    const naive = rmse(stock, data.test)
    const fit = { epochs: 4, batchSize: 32, shuffle: false, verbose: 0 as const }
    const hs = await stock.fit(data.train[0], data.train[1], fit)
    const hf = await fused.fit(data.train[0], data.train[1], fit)
    const [rs, rf] = [rmse(stock, data.test), rmse(fused, data.test)]
    expect(rf).toBeLessThan(naive)
    expect(Math.abs(rf - rs) / rs).toBeLessThan(0.01)
    expect(relError(hf.history['loss'] as number[], hs.history['loss'] as number[])).toBeLessThan(
      1e-3
    )
    // Every forward state kept for a gradient was released by its backward pass; what is left
    // is the fused Adam's moments, released with the optimizer.
    expect(kernelHeap().inUse()).toBeGreaterThan(0)
    fused.optimizer.dispose()
    expect(kernelHeap().inUse()).toBe(0)
  })

  it('reaches it through the whole-step path (fusedTrainStep) too, batch for batch', async () => {
    const data = sunspots()
    const stock = model('stock', false)
    const fused = model('fused', false)
    fused.setWeights(stock.getWeights())
    const step = fusedTrainStep(fused)
    if (typeof step === 'string') throw new Error(step)
    const fit = { epochs: 4, batchSize: 32, shuffle: false, verbose: 0 as const }
    await stock.fit(data.train[0], data.train[1], fit)
    const [x, y] = [values(data.train[0]), values(data.train[1])]
    const n = data.train[1].shape[0]
    for (let epoch = 0; epoch < fit.epochs; epoch++) {
      for (let b = 0; b < n; b += fit.batchSize) {
        const nb = Math.min(fit.batchSize, n - b)
        step.run(x.subarray(b * WINDOW, (b + nb) * WINDOW), y.subarray(b, b + nb), nb)
      }
    }
    const [rs, rf] = [rmse(stock, data.test), rmse(fused, data.test)]
    expect(Math.abs(rf - rs) / rs).toBeLessThan(0.01)
    fused.optimizer.dispose()
    expect(kernelHeap().inUse()).toBe(0)
  })

  it('trains with dropout and early stopping, saves as stock layers and loads back', async () => {
    const data = sunspots()
    const fused = model('fused', true)
    const history = await fused.fit(data.train[0], data.train[1], {
      epochs: 30,
      batchSize: 64,
      validationSplit: 0.2,
      verbose: 0,
      callbacks: tf.callbacks.earlyStopping({ monitor: 'val_loss', patience: 1 })
    })
    const losses = history.history['loss'] as number[]
    expect(losses.every(Number.isFinite)).toBe(true)
    expect(losses.at(-1)).toBeLessThan(losses[0] ?? 0)

    let saved: tf.io.ModelArtifacts | null = null
    await fused.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
      })
    )
    if (!saved) throw new Error('nothing saved')
    const topology = JSON.stringify((saved as tf.io.ModelArtifacts).modelTopology)
    expect(topology).toContain('"class_name":"LSTM"')
    expect(topology).toContain('"class_name":"GRU"')
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved))
    const [x] = data.test
    const expected = values(fused.predict(x) as tf.Tensor)
    expect(relError(values(loaded.predict(x) as tf.Tensor), expected)).toBeLessThan(1e-5)
    const back = await convertModel(loaded, 'fused')
    expect(back.layers.map((l) => l.constructor.name).slice(0, 2)).toEqual([
      'FusedLSTM',
      'FusedGRU'
    ])
    expect(relError(values(back.predict(x) as tf.Tensor), expected)).toBeLessThan(1e-5)
  })
})

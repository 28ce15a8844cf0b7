import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRecurrentLayer, FusedGRU, FusedLSTM } from '../../../src/core/kernels'
import { relError, seeded, useBackend, values } from './helpers'

type Cell = 'lstm' | 'gru'
interface Case {
  b: number
  t: number
  f: number
  u: number
  returnSequences: boolean
}

const cases: Case[] = [
  { b: 3, t: 7, f: 1, u: 5, returnSequences: true },
  { b: 4, t: 1, f: 1, u: 6, returnSequences: false },
  { b: 2, t: 1, f: 3, u: 4, returnSequences: true },
  { b: 5, t: 9, f: 3, u: 8, returnSequences: false },
  { b: 9, t: 4, f: 2, u: 13, returnSequences: true }
]

/** A stock model and a fused model with identical weights. */
function twins(cell: Cell, shape: Case, layers: number): [tf.LayersModel, tf.LayersModel] {
  const build = (path: 'fused' | 'stock'): tf.LayersModel => {
    const model = tf.sequential()
    for (let i = 0; i < layers; i++) {
      const last = i === layers - 1
      const args = {
        units: shape.u + i,
        returnSequences: last ? shape.returnSequences : true,
        ...(i === 0 ? { inputShape: [shape.t, shape.f] as [number, number] } : {})
      }
      model.add(createRecurrentLayer(cell, args, path))
    }
    return model
  }
  const stock = build('stock')
  const fused = build('fused')
  // Non-zero biases so every term of the cell is exercised.
  fused.setWeights(
    stock.getWeights().map((w, i) => (w.rank === 1 ? tf.tensor(seeded(w.size, 50 + i, 0.5)) : w))
  )
  stock.setWeights(fused.getWeights())
  return [stock, fused]
}

describe.each(['cpu', 'wasm'] as const)('fused forward on tfjs-%s', (backend) => {
  beforeAll(() => useBackend(backend))

  it.each(['lstm', 'gru'] as const)('%s matches the stock layer for every shape', (cell) => {
    for (const shape of backend === 'cpu' ? cases : cases.slice(0, 2)) {
      const [stock, fused] = twins(cell, shape, 1)
      const x = tf.tensor3d(seeded(shape.b * shape.t * shape.f, 7, 2), [shape.b, shape.t, shape.f])
      const expected = stock.predict(x) as tf.Tensor
      const actual = fused.predict(x) as tf.Tensor
      expect(actual.shape).toEqual(expected.shape)
      expect(relError(values(actual), values(expected)), JSON.stringify(shape)).toBeLessThan(1e-5)
      const layer = fused.layers[0] as FusedLSTM | FusedGRU
      expect(layer.lastFallback).toBeNull()
    }
  })

  it.each(['lstm', 'gru'] as const)('%s matches for three stacked layers', (cell) => {
    const shape = { b: 6, t: 12, f: 2, u: 7, returnSequences: false }
    const [stock, fused] = twins(cell, shape, 3)
    const x = tf.tensor3d(seeded(6 * 12 * 2, 11), [6, 12, 2])
    const rel = relError(
      values(fused.predict(x) as tf.Tensor),
      values(stock.predict(x) as tf.Tensor)
    )
    expect(rel).toBeLessThan(1e-5)
  })
})

describe('fused layer serialization', () => {
  beforeAll(() => useBackend('cpu'))

  it('uses the stock className, config and weight names', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const args = { units: 4, returnSequences: true, inputShape: [3, 2] as [number, number] }
      const stock = tf.sequential({ layers: [createRecurrentLayer(cell, args, 'stock')] })
      const fused = tf.sequential({ layers: [createRecurrentLayer(cell, args, 'fused')] })
      const [s, f] = [stock.layers[0], fused.layers[0]]
      expect(f?.getClassName()).toBe(cell === 'lstm' ? 'LSTM' : 'GRU')
      const strip = (c: tf.serialization.ConfigDict | undefined): object => ({ ...c, name: '' })
      expect(strip(f?.getConfig())).toEqual(strip(s?.getConfig()))
      expect(f?.getConfig()['recurrentActivation']).toBe('sigmoid')
      const names = (m: tf.LayersModel): string[] =>
        m.weights.map((w) => w.originalName.split('/').slice(1).join('/'))
      expect(names(fused)).toEqual(names(stock))
      expect(fused.weights.map((w) => w.shape)).toEqual(stock.weights.map((w) => w.shape))
    }
  })

  it('falls back to the stock path for what the kernels do not cover', () => {
    const layer = new FusedLSTM({ units: 3, returnSequences: true, activation: 'relu' })
    const x = tf.ones([2, 4, 1])
    layer.apply(x)
    expect(layer.lastFallback).toBe('activation relu')
    const hard = new FusedGRU({ units: 3, returnSequences: false })
    hard.apply(x)
    expect(hard.lastFallback).toBe('recurrentActivation hardSigmoid')
  })
})

import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { withSeededMathRandom } from '../../../src/core/engine/seeded-random'
import { fusedAdam } from '../../../src/core/kernels'
import { planTrainStep } from '../../../src/core/kernels/train-plan'
import { fusedTrainStep } from '../../../src/core/kernels/train-step'
import { REFERENCE_MODEL, type ModelConfig } from '../../../src/shared/model-config'
import { kernelHeap } from '../../../src/core/kernels/runtime'
import { relError, seeded, useBackend } from './helpers'

const NT = 7
const NF = 3

function model(config: Partial<ModelConfig>, outputs: number): tf.LayersModel {
  const c: ModelConfig = { ...REFERENCE_MODEL, units: 6, layers: 2, seed: 5, ...config }
  return buildModel(c, { steps: NT, features: NF, outputs }, 'fused')
}

async function weightsOf(m: tf.LayersModel): Promise<Float32Array[]> {
  const optimizer = await m.optimizer.getWeights()
  return [...m.getWeights(), ...optimizer.map((w) => w.tensor)].map(
    (t) => t.dataSync() as Float32Array
  )
}

/** Three steps through trainOnBatch and through the fused step, same masks (same Math.random). */
async function compare(config: Partial<ModelConfig>, outputs: number, nb: number) {
  const stock = model(config, outputs)
  const fused = model(config, outputs)
  const step = fusedTrainStep(fused)
  if (typeof step === 'string') throw new Error(step)
  const losses: Array<[number, number]> = []
  for (let s = 0; s < 3; s++) {
    const x = seeded(nb * NT * NF, 10 + s)
    const y = seeded(nb * outputs, 20 + s)
    const expected = await withSeededMathRandom(s + 1, async () => {
      const out = await stock.trainOnBatch(
        tf.tensor3d(x, [nb, NT, NF]),
        tf.tensor2d(y, [nb, outputs])
      )
      return Array.isArray(out) ? out[0]! : out
    })
    const actual = await withSeededMathRandom(s + 1, async () => step.run(x, y, nb))
    losses.push([actual, expected])
  }
  return { losses, actual: await weightsOf(fused), expected: await weightsOf(stock) }
}

describe('fused train step', () => {
  beforeAll(() => useBackend('wasm'))

  for (const [name, config, outputs] of [
    ['LSTM with dropout, one output', { cell: 'lstm', dropout: 0.3 }, 1],
    ['LSTM without dropout, three outputs', { cell: 'lstm', dropout: 0 }, 3],
    ['GRU with dropout, two outputs', { cell: 'gru', dropout: 0.2, layers: 3 }, 2]
  ] as const) {
    it(`matches trainOnBatch: ${name}`, async () => {
      const { losses, actual, expected } = await compare(config, outputs, 9)
      for (const [a, e] of losses) expect(Math.abs(a - e) / e).toBeLessThan(1e-5)
      expect(actual.length).toBe(expected.length)
      // Weights after three Adam steps, then Adam's moments and its beta powers.
      actual.forEach((a, i) => expect(relError(a, expected[i]!)).toBeLessThan(1e-4))
    })
  }

  it('refuses a batch of the wrong size and leaves nothing in the kernel memory', () => {
    const m = model({ dropout: 0.2 }, 2)
    const step = fusedTrainStep(m)
    if (typeof step === 'string') throw new Error(step)
    const before = kernelHeap().inUse()
    expect(() => step.run(seeded(4 * NT * NF, 1), seeded(3, 2), 4)).toThrow(/8 values/)
    expect(() => step.run(seeded(4 * NT * NF - 1, 1), seeded(8, 2), 4)).toThrow(/84/)
    expect(kernelHeap().inUse()).toBe(before)
    expect(Number.isFinite(step.run(seeded(4 * NT * NF, 1), seeded(8, 2), 4))).toBe(true)
    // Only Adam's moments stay, until the optimizer goes.
    m.optimizer.dispose()
    expect(kernelHeap().inUse()).toBe(before)
  })

  it('leaves models it cannot run exactly to trainOnBatch, with the reason', () => {
    const rnn = buildModel(
      { ...REFERENCE_MODEL, cell: 'rnn', units: 4, layers: 1 },
      { steps: 5, features: 1 },
      'fused'
    )
    expect(planTrainStep(rnn)).toMatch(/optimizer/)
    rnn.compile({ optimizer: fusedAdam(), loss: 'meanSquaredError' })
    expect(planTrainStep(rnn)).toMatch(/SimpleRNN/)
    const stock = buildModel(
      { ...REFERENCE_MODEL, units: 4, layers: 1 },
      { steps: 5, features: 1 },
      'stock'
    )
    expect(planTrainStep(stock)).toMatch(/optimizer/)
    const mae = model({}, 1)
    mae.compile({ optimizer: mae.optimizer, loss: 'meanAbsoluteError' })
    expect(planTrainStep(mae)).toMatch(/loss/)
  })
})

import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import { createRecurrentLayer } from '../../../src/core/kernels'
import { fusedRecurrent } from '../../../src/core/kernels/fused-op'
import { relError, seeded, useBackend, values } from './helpers'

type Cell = 'lstm' | 'gru'

/** Gradients of sum(y * probe) with respect to the input and every trainable weight. */
function gradients(model: tf.LayersModel, x: tf.Tensor): Float32Array[] {
  return tf.tidy(() => {
    const outShape = (model.predict(x) as tf.Tensor).shape
    const probe = tf.tensor(
      seeded(
        outShape.reduce((a, b) => a * b, 1),
        99
      ),
      outShape
    )
    const loss = (input: tf.Tensor): tf.Scalar =>
      tf.sum(tf.mul(model.apply(input) as tf.Tensor, probe))
    const dx = tf.grad(loss)(x)
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable)
    const { grads } = tf.variableGrads(() => loss(x), vars)
    return [values(dx), ...vars.map((v) => values(grads[v.name] as tf.Tensor))]
  })
}

function twins(cell: Cell, t: number, f: number, returnSequences: boolean, layers: number) {
  const build = (path: 'fused' | 'stock'): tf.LayersModel => {
    const model = tf.sequential()
    for (let i = 0; i < layers; i++) {
      model.add(
        createRecurrentLayer(
          cell,
          {
            units: 5 + i,
            returnSequences: i < layers - 1 || returnSequences,
            ...(i === 0 ? { inputShape: [t, f] as [number, number] } : {})
          },
          path
        )
      )
    }
    return model
  }
  const stock = build('stock')
  const fused = build('fused')
  fused.setWeights(
    stock.getWeights().map((w, i) => (w.rank === 1 ? tf.tensor(seeded(w.size, 60 + i, 0.5)) : w))
  )
  stock.setWeights(fused.getWeights())
  return { stock, fused }
}

describe('fused gradients', () => {
  beforeAll(() => useBackend('cpu'))

  const cases = [
    { t: 6, f: 1, returnSequences: true, layers: 1 },
    { t: 5, f: 3, returnSequences: false, layers: 1 },
    { t: 4, f: 2, returnSequences: false, layers: 2 }
  ]

  it.each(['lstm', 'gru'] as const)(
    '%s: input and weight gradients match tfjs autodiff',
    (cell) => {
      for (const c of cases) {
        const { stock, fused } = twins(cell, c.t, c.f, c.returnSequences, c.layers)
        const x = tf.tensor3d(seeded(3 * c.t * c.f, 5, 1.5), [3, c.t, c.f])
        const expected = gradients(stock, x)
        const actual = gradients(fused, x)
        expect(actual).toHaveLength(1 + 3 * c.layers)
        actual.forEach((g, i) => {
          const rel = relError(g, expected[i] ?? new Float32Array())
          expect(rel, `${JSON.stringify(c)} gradient #${i}`).toBeLessThan(1e-4)
        })
      }
    }
  )

  // tfjs' own gradient of a one-step RNN fails (Unpack gradient of a length-1 sequence), so
  // T = 1 and the recurrent dropout mask are checked against central finite differences.
  it.each(['lstm', 'gru'] as const)(
    '%s: matches finite differences (T = 1, T = 3 with recurrent mask)',
    (cell) => {
      for (const [t, masked] of [
        [1, false],
        [3, true]
      ] as const) {
        const nb = 2
        const nf = 2
        const nu = 3
        const g = (cell === 'lstm' ? 4 : 3) * nu
        const inputs = [
          seeded(nb * t * nf, 1, 1),
          seeded(nf * g, 2, 0.6),
          seeded(nu * g, 3, 0.6),
          seeded(g, 4, 0.4)
        ]
        const shapes = [[nb, t, nf], [nf, g], [nu, g], [g]]
        const mask = masked ? Float32Array.from([1.25, 0, 1.25, 1.25, 1.25, 0]) : null
        const probe = seeded(nb * nu, 8, 1)
        const objective = (x: tf.Tensor, k: tf.Tensor, r: tf.Tensor, b: tf.Tensor): tf.Scalar => {
          const options = { cell, returnSequences: false, useBias: true, recurrentMask: mask }
          const y = fusedRecurrent(x, k, r, b, options)
          return tf.sum(tf.mul(y, tf.tensor2d(probe, [nb, nu])))
        }
        const tensors = (arrays: Float32Array[]): [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor] => {
          const [x, k, r, b] = arrays.map((a, i) => tf.tensor(a, shapes[i]))
          if (!x || !k || !r || !b) throw new Error('four inputs expected')
          return [x, k, r, b]
        }
        const loss = (arrays: Float32Array[]): number =>
          tf.tidy(() => objective(...tensors(arrays)).dataSync()[0] ?? NaN)
        const analytic = tf.tidy(() =>
          tf
            .grads(objective)(tensors(inputs))
            .map((t) => values(t))
        )
        const eps = 1e-2
        inputs.forEach((arr, which) => {
          const numeric = new Float32Array(arr.length)
          for (let i = 0; i < arr.length; i++) {
            const plus = inputs.map((a) => a.slice())
            const minus = inputs.map((a) => a.slice())
            ;(plus[which] as Float32Array)[i] = (arr[i] ?? 0) + eps
            ;(minus[which] as Float32Array)[i] = (arr[i] ?? 0) - eps
            numeric[i] = (loss(plus) - loss(minus)) / (2 * eps)
          }
          const rel = relError(analytic[which] ?? new Float32Array(), numeric)
          expect(rel, `T=${t} input #${which}`).toBeLessThan(1e-3)
        })
      }
    }
  )
})

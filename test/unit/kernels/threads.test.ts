import { afterAll, describe, expect, it } from 'vitest'
import { loadRuntime } from '../../../src/core/kernels/runtime'
import { backwardSequence, forwardSequence, gateWidth } from '../../../src/core/kernels/sequence'
import { startThreads, stopThreads, threadCount } from '../../../src/core/kernels/threads'
import { relError, seeded } from './helpers'

const shape = { nb: 37, nt: 6, nf: 3, nu: 9 }

function run(cell: 'lstm' | 'gru'): Float32Array[] {
  const g = gateWidth(cell, shape.nu)
  const weights = {
    kernel: seeded(shape.nf * g, 1, 0.5),
    recurrent: seeded(shape.nu * g, 2, 0.5),
    bias: seeded(g, 3, 0.5)
  }
  const x = seeded(shape.nb * shape.nt * shape.nf, 4)
  const mask = seeded(shape.nb * shape.nu, 5).map((v) => (v > -0.6 ? 1.25 : 0))
  const state = forwardSequence(cell, shape, x, weights, mask, true)
  const dhs = seeded(shape.nb * shape.nt * shape.nu, 6)
  const grads = backwardSequence(state, weights, dhs)
  return [state.hs, grads.dx, grads.dkernel, grads.drecurrent, grads.dbias]
}

describe('kernel worker threads', () => {
  afterAll(() => stopThreads())

  it.each(['lstm', 'gru'] as const)(
    '%s: split batches give the single-thread results',
    async (cell) => {
      const serial = run(cell)
      await startThreads(loadRuntime(), 2)
      expect(threadCount()).toBe(3)
      const threaded = run(cell)
      await stopThreads()
      expect(threadCount()).toBe(1)
      threaded.forEach((values, i) => expect(relError(values, serial[i] ?? [])).toBeLessThan(1e-6))
    }
  )
})

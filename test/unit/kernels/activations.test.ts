import { describe, expect, it } from 'vitest'
import { kernelHeap, loadRuntime } from '../../../src/core/kernels/runtime'

/** Runs the kernels' vectorised (and scalar tail) sigmoid or tanh over xs. */
function activate(kind: 0 | 1, xs: Float32Array): Float32Array {
  const heap = kernelHeap()
  const src = heap.alloc(xs.length)
  const dst = heap.alloc(xs.length)
  const view = heap.view()
  view.set(xs, src >> 2)
  loadRuntime().exports.activate(kind, src, xs.length, dst)
  const out = view.slice(dst >> 2, (dst >> 2) + xs.length)
  heap.release(src)
  heap.release(dst)
  return out
}

const xs = Float32Array.from({ length: 20_003 }, (_, i) => Math.sinh((i - 10_001) / 1_000) / 2)

describe('kernel activations', () => {
  it('tanh is within a few float32 ulp of the exact value', () => {
    const ys = activate(1, xs)
    let worst = 0
    xs.forEach((x, i) => {
      const want = Math.tanh(x)
      const got = ys[i] ?? NaN
      // Relative error where the result is a normal float32, absolute below that.
      const err =
        Math.abs(want) > 1e-30 ? Math.abs(got - want) / Math.abs(want) : Math.abs(got - want)
      worst = Math.max(worst, err)
    })
    expect(worst).toBeLessThan(1e-6)
  })

  it('sigmoid is within 2 ulp of 1 (the scale of a gate) of the exact value everywhere', () => {
    // (1 + tanh(x / 2)) / 2: absolute accuracy, which is what a gate multiplying a state needs;
    // a gate of 1e-9 comes out as 0 or 1e-7, both nothing next to the state it scales.
    const ys = activate(0, xs)
    let worst = 0
    xs.forEach((x, i) => {
      worst = Math.max(worst, Math.abs((ys[i] ?? NaN) - 1 / (1 + Math.exp(-x))))
    })
    expect(worst).toBeLessThan(2.5e-7)
    expect(ys.every((y) => y >= 0 && y <= 1)).toBe(true)
  })
})

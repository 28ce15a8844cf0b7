import { describe, expect, it } from 'vitest'
import {
  ExplainInputError,
  backgroundBaseline,
  createRng,
  lastValueBaseline,
  meanBaseline,
  medianBaseline,
  resolveBaseline,
  zerosBaseline
} from '../../../src/explain'

// Three training windows of 2 steps × 2 features.
const shape = { steps: 2, features: 2 }
const train = Float32Array.from([1, 10, 2, 20, 3, 30, 4, 40, 8, 80, 9, 90])

describe('baselines', () => {
  it('averages and takes medians cell by cell', () => {
    expect(Array.from(meanBaseline(train, 3, shape).windows)).toEqual([4, 40, 5, 50])
    expect(Array.from(medianBaseline(train, 3, shape).windows)).toEqual([3, 30, 4, 40])
    expect(Array.from(medianBaseline(train.subarray(0, 8), 2, shape).windows)).toEqual([
      2, 20, 3, 30
    ])
  })

  it('gives zeros and the last step carried back', () => {
    expect(Array.from(zerosBaseline(shape).windows)).toEqual([0, 0, 0, 0])
    const x = Float32Array.from([1, 2, 3, 4, 5, 6])
    const last = lastValueBaseline(x, { steps: 3, features: 2 })
    expect(Array.from(last.windows)).toEqual([5, 6, 5, 6, 5, 6])
    expect(last.kind).toBe('last')
  })

  it('samples background rows without replacement, reproducibly', () => {
    const a = backgroundBaseline(train, 3, shape, 2, createRng(1))
    const b = backgroundBaseline(train, 3, shape, 2, createRng(1))
    expect(a.count).toBe(2)
    expect(a.windows).toEqual(b.windows)
    const firsts = [a.windows[0], a.windows[4]]
    expect(new Set(firsts).size).toBe(2)
    for (const v of firsts) expect([1, 3, 8]).toContain(v)
    expect(backgroundBaseline(train, 3, shape, 10, createRng(1)).windows).toEqual(train)
  })

  it('resolves a baseline that depends on the window', () => {
    const x = Float32Array.from([1, 2, 3, 4])
    expect(Array.from(resolveBaseline((w) => lastValueBaseline(w, shape), x).windows)).toEqual([
      3, 4, 3, 4
    ])
  })

  it('checks sizes', () => {
    expect(() => meanBaseline(train, 2, shape)).toThrow(ExplainInputError)
    expect(() => meanBaseline(new Float32Array(0), 0, shape)).toThrow(ExplainInputError)
  })
})

import { describe, expect, it } from 'vitest'
import { evenTicks, fittingTicks } from '../../src/renderer/src/explain/ticks'

describe('tick labels that cannot overlap', () => {
  it('fits as many labels as the widest one (plus a gap) allows, at least two', () => {
    expect(fittingTicks(700, [60, 70, 64])).toBe(Math.floor(700 / (70 + 14)))
    expect(fittingTicks(100, [90])).toBe(2)
    expect(fittingTicks(0, [50])).toBe(2)
  })

  it('spaces evenly spaced labels at least a label width apart', () => {
    for (const [n, length, width] of [
      [60, 600, 70],
      [13, 800, 64],
      [24, 300, 58]
    ] as const) {
      const max = fittingTicks(length, [width])
      const ticks = evenTicks(n, max)
      const slot = length / n
      for (let i = 1; i < ticks.length; i++) {
        expect((ticks[i]! - ticks[i - 1]!) * slot).toBeGreaterThanOrEqual(width)
      }
      expect(ticks[ticks.length - 1]).toBe(n - 1)
    }
  })
})

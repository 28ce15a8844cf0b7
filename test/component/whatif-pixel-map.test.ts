import { describe, expect, it } from 'vitest'
import type { AxisMap } from '../../src/renderer/src/explain/whatif/pixel-map'
import {
  clampedValue,
  hitPoint,
  nudgeSize,
  toPixel,
  toValue
} from '../../src/renderer/src/explain/whatif/pixel-map'

/** A y axis from 380 (at the bottom, pixel 170) to 400 (at the top, pixel 10). */
const y: AxisMap = { min: 380, max: 400, start: 170, end: 10 }
/** An x axis of 12 steps and the target slot: −0.5 at pixel 40, 12.5 at pixel 690. */
const x: AxisMap = { min: -0.5, max: 12.5, start: 40, end: 690 }

describe('what-if value ↔ pixel mapping', () => {
  it('maps the ends and the middle of an axis by the closed form', () => {
    expect(toPixel(380, y)).toBe(170)
    expect(toPixel(400, y)).toBe(10)
    expect(toPixel(390, y)).toBe(90)
    // Each step is 50 px wide: step 0 at 65 px.
    expect(toPixel(0, x)).toBe(65)
    expect(toPixel(11, x)).toBe(615)
  })

  it('value → pixel → value is the identity (and the other way round)', () => {
    for (let i = 0; i <= 100; i++) {
      const v = 370 + i * 0.37
      expect(toValue(toPixel(v, y), y)).toBeCloseTo(v, 10)
      const p = -20 + i * 2.1
      expect(toPixel(toValue(p, y), y)).toBeCloseTo(p, 10)
    }
  })

  it('a drag past the plot keeps the value on the axis', () => {
    expect(clampedValue(-50, y)).toBe(400)
    expect(clampedValue(500, y)).toBe(380)
    expect(clampedValue(90, y)).toBe(390)
  })

  it('finds the point under the pointer, the nearest one when several are in reach', () => {
    const values = [385, 390, 395, Number.NaN]
    // Step 1 (390) sits at (115, 90).
    expect(hitPoint(115, 90, values, x, y, 12)).toBe(1)
    expect(hitPoint(120, 96, values, x, y, 12)).toBe(1)
    expect(hitPoint(115, 120, values, x, y, 12)).toBeNull()
    // A missing value (NaN) is never hit.
    expect(hitPoint(215, 90, values, x, y, 1000)).not.toBe(3)
    // Equal-ish distance: the nearer one.
    expect(hitPoint(95, 100, values, x, y, 60)).toBe(1)
  })

  it('a keyboard nudge is 1 % of the span shown, ten times that with Shift, never zero', () => {
    expect(nudgeSize([380, 390, 400], false)).toBeCloseTo(0.2, 12)
    expect(nudgeSize([380, 390, 400], true)).toBeCloseTo(2, 12)
    expect(nudgeSize([5, 5], false)).toBeCloseTo(0.05, 12)
    expect(nudgeSize([0, 0], false)).toBeGreaterThan(0)
  })
})

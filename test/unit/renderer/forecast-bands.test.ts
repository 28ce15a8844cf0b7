import { describe, expect, it } from 'vitest'
import type { IntervalWidths } from '../../../src/renderer/src/forecast/bands'
import { bandLayers, bandsAround, bandsAtHorizon } from '../../../src/renderer/src/forecast/bands'

const PATH = [10, 11, 13, 12, 15]
const WIDTHS: IntervalWidths[] = [
  // Given widest first: the helpers must sort.
  { level: 0.95, halfWidth: [2, 2.5, 3, 3.5, 4] },
  { level: 0.8, halfWidth: [1, 1.2, 1.5, 1.8, 2] },
  { level: 0.5, halfWidth: [0.4, 0.5, 0.6, 0.7, 0.8] }
]

/** The narrowest level whose interval path ± halfWidth holds y at point i (the definition). */
function narrowestHolding(i: number, y: number, firstStep = 1): number | null {
  const holding = WIDTHS.filter((w) => {
    const h = w.halfWidth[firstStep - 1 + i] ?? Number.NaN
    const v = PATH[i] ?? Number.NaN
    return y >= v - h && y <= v + h
  }).map((w) => w.level)
  return holding.length === 0 ? null : Math.min(...holding)
}

/** The level whose colour the nested fill paints at (i, y): the fill between the two layers around y. */
function paintedLevel(i: number, y: number, firstStep = 1): number | null {
  const bands = bandsAround(PATH, WIDTHS, firstStep)
  const layers = bandLayers(bands)
  for (let j = 1; j < layers.length; j++) {
    const below = layers[j - 1]?.values[i] ?? Number.NaN
    const above = layers[j]?.values[i] ?? Number.NaN
    if (y >= below && y <= above) {
      const rank = layers[j]?.fillRank
      return rank === null || rank === undefined ? null : (bands[rank]?.level ?? null)
    }
  }
  return null
}

describe('interval bands around a path', () => {
  it('is the path ± the half-width of each step, narrowest level first', () => {
    const bands = bandsAround(PATH, WIDTHS)
    expect(bands.map((b) => b.level)).toEqual([0.5, 0.8, 0.95])
    expect(bands[1]?.lower).toEqual([9, 9.8, 11.5, 10.2, 13])
    expect(bands[1]?.upper).toEqual([11, 12.2, 14.5, 13.8, 17])
  })

  it('reads the half-widths from the path’s first step on, and leaves steps without one open', () => {
    const bands = bandsAround([20, 21], WIDTHS, 4)
    expect(bands[2]?.lower).toEqual([16.5, 17])
    const beyond = bandsAround([20, 21], WIDTHS, 5)
    expect(beyond[0]?.upper[0]).toBeCloseTo(20.8)
    expect(beyond[0]?.upper[1]).toBeNaN()
  })

  it('layers run from the widest lower edge up to the widest upper edge, never crossing', () => {
    const layers = bandLayers(bandsAround(PATH, WIDTHS))
    expect(layers.map((l) => `${l.side}${l.level}`)).toEqual([
      'lower0.95',
      'lower0.8',
      'lower0.5',
      'upper0.5',
      'upper0.8',
      'upper0.95'
    ])
    expect(layers[0]?.fillRank).toBeNull()
    for (let j = 1; j < layers.length; j++) {
      PATH.forEach((_, i) => {
        expect(layers[j]?.values[i]).toBeGreaterThanOrEqual(layers[j - 1]?.values[i] ?? Infinity)
      })
    }
  })

  it('paints every point inside a band in the colour of the narrowest level holding it', () => {
    for (const firstStep of [1, 2]) {
      for (let i = 0; i < PATH.length - (firstStep - 1); i++) {
        const v = PATH[i] ?? 0
        // A grid across and beyond the widest band, off the exact edges.
        for (let y = v - 5.03; y <= v + 5.03; y += 0.1) {
          expect(paintedLevel(i, y, firstStep), `point ${i}, y ${y}`).toBe(
            narrowestHolding(i, y, firstStep)
          )
        }
      }
    }
  })

  it('one level is one fill between its own edges', () => {
    const only = WIDTHS.filter((w) => w.level === 0.8)
    const layers = bandLayers(bandsAround(PATH, only))
    expect(layers.map((l) => [l.side, l.fillRank])).toEqual([
      ['lower', null],
      ['upper', 0]
    ])
  })
})

describe('interval bands around the test predictions at step H', () => {
  it('puts every point ± the half-width of the last step (H), narrowest level first', () => {
    const predicted = [3, 5, 4]
    // A multi-step run's half-widths for steps 1..5 (step H = 5), and a single-step run's one.
    for (const [widths, atH] of [
      [WIDTHS, [0.8, 2, 4]],
      [WIDTHS.map((w) => ({ level: w.level, halfWidth: w.halfWidth.slice(-1) })), [0.8, 2, 4]]
    ] as const) {
      const bands = bandsAtHorizon(predicted, widths)
      expect(bands.map((b) => b.level)).toEqual([0.5, 0.8, 0.95])
      bands.forEach((b, rank) => {
        expect(b.lower).toEqual(predicted.map((v) => v - atH[rank]!))
        expect(b.upper).toEqual(predicted.map((v) => v + atH[rank]!))
      })
    }
    expect(bandsAtHorizon(predicted, [])).toEqual([])
  })
})

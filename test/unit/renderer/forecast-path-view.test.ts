import { describe, expect, it } from 'vitest'
import type { Evaluation, Forecast, Predictions } from '../../../src/shared/domain'
import {
  aheadPathView,
  pathCount,
  testPathView,
  widthsByStep
} from '../../../src/renderer/src/forecast/path-view'

/** Monthly times from 2000-01 (index 0), as the engine labels rows. */
const month = (i: number): string =>
  `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`
/** A series whose value at row r is r² (so any mix-up of rows shows). */
const value = (r: number): number => r * r

/** Windows whose step 1 is row `first + i`, H steps each: path = actual + 0.5 per step. */
function predictions(first: number, count: number, h: number, skipAfter?: number): Predictions {
  const rows = Array.from({ length: count }, (_, i) =>
    skipAfter !== undefined && i > skipAfter ? first + i + 3 : first + i
  )
  const path = rows.map((r) => Array.from({ length: h }, (_, k) => value(r + k) + 0.5 * (k + 1)))
  return {
    time: rows.map((r) => month(r + h - 1)),
    actual: rows.map((r) => value(r + h - 1)),
    predicted: path.map((p) => p[h - 1] ?? 0),
    naive: rows.map((r) => value(r - 1)),
    steps: h,
    path,
    pathTime: rows.map((r) => Array.from({ length: h }, (_, k) => month(r + k))),
    pathActual: rows.map((r) => Array.from({ length: h }, (_, k) => value(r + k)))
  }
}

const EVALUATION: Evaluation = {
  windows: 10,
  model: { mse: 1, rmse: 1, mae: 1 },
  naive: { mse: 1, rmse: 1, mae: 1 },
  seasonalNaive: null,
  // byStep out of order on purpose: widths follow their step, not their position.
  byStep: [3, 1, 2].map((step) => ({
    step,
    model: { mse: 1, rmse: 1, mae: 1, mase: null },
    naive: { mse: 1, rmse: 1, mae: 1 },
    seasonalNaive: null
  })),
  intervals: [
    { level: 0.95, coverage: 0.9, coverageByStep: [0.9, 0.9, 0.9], halfWidth: [30, 10, 20] },
    { level: 0.8, coverage: 0.7, coverageByStep: [0.7, 0.7, 0.7], halfWidth: [3, 1, 2] }
  ]
}

describe('the path from one test origin', () => {
  it('re-indexes the half-widths by step', () => {
    expect(widthsByStep(EVALUATION, 3)).toEqual([
      { level: 0.95, halfWidth: [10, 20, 30] },
      { level: 0.8, halfWidth: [1, 2, 3] }
    ])
  })

  it('draws the chosen window’s path at its own times after the step-1 actuals of earlier windows', () => {
    const p = predictions(100, 10, 3)
    expect(pathCount(p)).toBe(10)
    const view = testPathView(p, widthsByStep(EVALUATION, 3), 6, 4)
    expect(view).not.toBeNull()
    if (!view) return
    // Four earlier windows' step 1 (rows 102..105), then window 6's steps (rows 106..108).
    expect(view.time).toEqual([102, 103, 104, 105, 106, 107, 108].map(month))
    expect(view.actual).toEqual([102, 103, 104, 105, 106, 107, 108].map(value))
    expect(view.start).toBe(4)
    expect(view.steps).toEqual([1, 2, 3])
    // The path starts from row 105, the last value its window saw.
    expect(view.origin).toBe(3)
    expect(view.path).toEqual([value(106) + 0.5, value(107) + 1, value(108) + 1.5])
    const inner = view.bands[0]
    expect(inner?.level).toBe(0.8)
    expect(inner?.lower).toEqual([value(106) + 0.5 - 1, value(107) + 1 - 2, value(108) + 1.5 - 3])
    expect(view.bands[1]?.upper[2]).toBe(value(108) + 1.5 + 30)
  })

  it('has no origin for the first test window, or after a gap between windows', () => {
    const first = testPathView(predictions(100, 10, 3), [], 0, 4)
    expect(first?.origin).toBeNull()
    expect(first?.start).toBe(0)
    // Windows after the 5th start three rows later: window 6 does not follow window 5.
    const gap = testPathView(predictions(100, 10, 3, 5), [], 6, 4)
    expect(gap?.origin).toBeNull()
    expect(testPathView(predictions(100, 10, 3, 5), [], 8, 4)?.origin).toBe(3)
  })

  it('is null for a single-step run', () => {
    const { path: _p, pathTime: _t, pathActual: _a, steps: _s, ...single } = predictions(100, 5, 1)
    expect(pathCount(single)).toBe(0)
    expect(testPathView(single, [], 0, 4)).toBeNull()
  })
})

describe('the forecast past the end', () => {
  const p = predictions(100, 10, 3)
  const forecast: Forecast = {
    runId: 'r',
    windowStart: month(90),
    windowEnd: month(111),
    horizon: 3,
    targetTime: month(114),
    value: 9,
    path: [1, 2, 3].map((step) => ({
      step,
      targetTime: month(111 + step),
      value: step * 3,
      intervals: [
        { level: 0.95, lower: step * 3 - 2, upper: step * 3 + 2 },
        { level: 0.8, lower: step * 3 - 1, upper: step * 3 + 1 }
      ]
    }))
  }

  it('follows the last test actuals with the forecast’s own steps and bands', () => {
    const view = aheadPathView(forecast, p, 4)
    // The last four test targets (rows 108..111), then rows 112..114 ahead.
    expect(view?.time).toEqual([108, 109, 110, 111, 112, 113, 114].map(month))
    expect(view?.actual).toEqual([...[108, 109, 110, 111].map(value), null, null, null])
    expect(view?.origin).toBe(3)
    expect(view?.start).toBe(4)
    expect(view?.path).toEqual([3, 6, 9])
    expect(view?.bands.map((b) => b.level)).toEqual([0.8, 0.95])
    expect(view?.bands[1]?.lower).toEqual([1, 4, 7])
  })

  it('is one point for a single-step forecast', () => {
    const { path: _path, ...single } = forecast
    const view = aheadPathView(
      { ...single, intervals: [{ level: 0.8, lower: 8, upper: 10 }] },
      null,
      4
    )
    expect(view?.path).toEqual([9])
    expect(view?.steps).toEqual([3])
    expect(view?.origin).toBeNull()
    expect(view?.bands).toEqual([{ level: 0.8, lower: [8], upper: [10] }])
  })
})

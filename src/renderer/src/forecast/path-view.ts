/**
 * What the path charts draw, cut from what the engine sent (nothing here is
 * computed from the data): for one test origin, the actuals leading up to it
 * and the path of steps 1..H with its actuals; for the forecast past the end,
 * the last test actuals and the forecast's path. Intervals are laid out per
 * step from the evaluation's half-widths (halfWidth[i] belongs to byStep[i]).
 */
import type { Evaluation, Forecast, Predictions } from '../../../shared/domain'
import type { Band, IntervalWidths } from './bands'
import { bandsAround } from './bands'

export interface PathView {
  time: string[]
  actual: (number | null)[]
  /** The last observed point before step 1, or null when it is not in the data sent. */
  origin: number | null
  /** x index of the path's first point. */
  start: number
  /** The step (1-based) of each point of the path. */
  steps: number[]
  path: number[]
  bands: Band[]
}

/** Test windows whose whole path the run saved (0 for a single-step run). */
export function pathCount(predictions: Predictions): number {
  return predictions.path?.length ?? 0
}

/**
 * The evaluation's half-widths, re-indexed by step (index k = step k + 1), so
 * a path's point k reads its own step's width whatever order byStep has.
 */
export function widthsByStep(evaluation: Evaluation, horizon: number): IntervalWidths[] {
  const steps = evaluation.byStep?.map((s) => s.step) ?? []
  return (evaluation.intervals ?? []).map(({ level, halfWidth }) => {
    const byStep = new Array<number>(horizon).fill(Number.NaN)
    halfWidth.forEach((width, i) => {
      const step = steps[i]
      if (step !== undefined && step >= 1 && step <= horizon) byStep[step - 1] = width
    })
    return { level, halfWidth: byStep }
  })
}

/**
 * Test window `index`'s path against what happened, after up to `context`
 * earlier points: the step-1 actuals of the windows before it, the last of
 * which is the value the path starts from when the windows are consecutive.
 */
export function testPathView(
  predictions: Predictions,
  widths: readonly IntervalWidths[],
  index: number,
  context: number
): PathView | null {
  const path = predictions.path?.[index]
  const times = predictions.pathTime?.[index]
  const actuals = predictions.pathActual?.[index]
  if (!path || !times || !actuals || path.length === 0) return null
  const first = Math.max(0, index - context)
  const time: string[] = []
  const actual: (number | null)[] = []
  for (let j = first; j < index; j++) {
    time.push(predictions.pathTime?.[j]?.[0] ?? '')
    actual.push(predictions.pathActual?.[j]?.[0] ?? null)
  }
  const start = time.length
  time.push(...times)
  actual.push(...actuals)
  // The window before is the origin only when it is the step just before (no gap between them).
  const before = predictions.pathTime?.[index - 1]
  const adjacent = start > 0 && before !== undefined && before[1] === times[0]
  return {
    time,
    actual,
    origin: adjacent ? start - 1 : null,
    start,
    steps: path.map((_, k) => k + 1),
    path: [...path],
    bands: bandsAround(path, widths)
  }
}

/**
 * The forecast past the end after the last `context` test actuals at step H
 * (the data's last rows). Bands come with the forecast itself, per step.
 */
export function aheadPathView(
  forecast: Forecast,
  predictions: Predictions | null,
  context: number
): PathView | null {
  const steps = forecast.path ?? [
    {
      step: forecast.horizon,
      targetTime: forecast.targetTime,
      value: forecast.value,
      intervals: forecast.intervals ?? []
    }
  ]
  if (steps.length === 0) return null
  const n = predictions?.time.length ?? 0
  const from = Math.max(0, n - context)
  const time = predictions ? predictions.time.slice(from) : []
  const actual: (number | null)[] = predictions ? predictions.actual.slice(from) : []
  const start = time.length
  time.push(...steps.map((s) => s.targetTime))
  actual.push(...steps.map(() => null))
  const levels = [...new Set(steps.flatMap((s) => s.intervals.map((i) => i.level)))].sort(
    (a, b) => a - b
  )
  const bands = levels.map((level) => {
    const at = steps.map((s) => s.intervals.find((i) => i.level === level))
    return {
      level,
      lower: at.map((i) => i?.lower ?? Number.NaN),
      upper: at.map((i) => i?.upper ?? Number.NaN)
    }
  })
  return {
    time,
    actual,
    origin: start > 0 ? start - 1 : null,
    start,
    steps: steps.map((s) => s.step),
    path: steps.map((s) => s.value),
    bands
  }
}

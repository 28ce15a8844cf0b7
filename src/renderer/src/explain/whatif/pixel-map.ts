/**
 * Value ↔ pixel along one linear chart axis, and which window step a pointer
 * is on: what dragging a point and typing its position in a test both need.
 * chart.js's linear scales map linearly from `min` at pixel `start` to `max`
 * at pixel `end` (a y axis has start at the bottom, so start > end).
 */

export interface AxisMap {
  min: number
  max: number
  /** Pixel of `min` and of `max` (CSS pixels, canvas coordinates). */
  start: number
  end: number
}

export function toPixel(value: number, axis: AxisMap): number {
  if (axis.max === axis.min) return (axis.start + axis.end) / 2
  return axis.start + ((value - axis.min) / (axis.max - axis.min)) * (axis.end - axis.start)
}

export function toValue(pixel: number, axis: AxisMap): number {
  if (axis.end === axis.start) return axis.min
  return axis.min + ((pixel - axis.start) / (axis.end - axis.start)) * (axis.max - axis.min)
}

/** The value at `pixel`, kept inside the axis' range (a drag cannot leave the plot). */
export function clampedValue(pixel: number, axis: AxisMap): number {
  const v = toValue(pixel, axis)
  return Math.min(Math.max(v, Math.min(axis.min, axis.max)), Math.max(axis.min, axis.max))
}

/**
 * The point of `values` (x = its index) within `radius` pixels of (x, y), or
 * null; the nearest one when several are.
 */
export function hitPoint(
  x: number,
  y: number,
  values: readonly number[],
  xAxis: AxisMap,
  yAxis: AxisMap,
  radius: number
): number | null {
  let best: number | null = null
  let bestDistance = radius
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) return
    const d = Math.hypot(toPixel(i, xAxis) - x, toPixel(v, yAxis) - y)
    if (d <= bestDistance) {
      best = i
      bestDistance = d
    }
  })
  return best
}

/** A keyboard nudge: 1 % of the span of the values shown (10 % with Shift), never 0. */
export function nudgeSize(values: readonly number[], large: boolean): number {
  const finite = values.filter(Number.isFinite)
  const span = finite.length > 0 ? Math.max(...finite) - Math.min(...finite) : 0
  const base = span > 0 ? span / 100 : Math.max(Math.abs(finite[0] ?? 1) / 100, 1e-6)
  return large ? base * 10 : base
}

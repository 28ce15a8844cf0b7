/**
 * The points a series chart draws, from the engine's series: a missing value
 * is a null point, and where time jumps by more than the typical step (the
 * engine's `gaps`) a null point between the two rows breaks the line, so a
 * gap is drawn as a gap, never bridged.
 */
import type { Series } from '@shared/domain'

export type Point = { x: number; y: number | null }

/** One column's points, with a break before each gap row. */
export function seriesPoints(series: Series, column: string): Point[] {
  const values = series.columns[column] ?? []
  const gaps = series.gaps ?? []
  const out: Point[] = []
  let g = 0
  for (let i = 0; i < series.rows.length; i++) {
    const row = series.rows[i]!
    // A gap row at or before this point, after the previous one: the line breaks here.
    let broken = false
    while (g < gaps.length && gaps[g]! <= row) {
      if (i > 0 && gaps[g]! > series.rows[i - 1]!) broken = true
      g += 1
    }
    if (broken) out.push({ x: row - 0.5, y: null })
    out.push({ x: row, y: values[i] ?? null })
  }
  return out
}

/**
 * The overview's points outside a zoomed range and the detail's inside it:
 * the zoomed part at full resolution, the rest still there to pan into.
 */
export function mergeDetail(overview: readonly Point[], detail: readonly Point[]): Point[] {
  if (detail.length === 0) return [...overview]
  const from = detail[0]!.x
  const to = detail[detail.length - 1]!.x
  return [...overview.filter((p) => p.x < from), ...detail, ...overview.filter((p) => p.x > to)]
}

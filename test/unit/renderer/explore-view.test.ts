import { describe, expect, it } from 'vitest'
import {
  contentHeight,
  MAX_SCROLL_PX,
  pagesFor,
  ROW_PX,
  rowWindow,
  scrollTopFor
} from '../../../src/renderer/src/data/row-window'
import { mergeDetail, seriesPoints } from '../../../src/renderer/src/charts/series-points'

describe('rows table windowing', () => {
  it('shows the rows under the scroll position, one row per ROW_PX', () => {
    const w = rowWindow(1000, 10 * ROW_PX + 5, 12 * ROW_PX)
    expect(w.first).toBe(10)
    expect(w.top).toBe(10 * ROW_PX)
    expect(w.count).toBe(13) // twelve rows and the one partly in view
    expect(rowWindow(5, 0, 12 * ROW_PX).count).toBe(5)
  })

  it('scales a million rows into a scroll range browsers allow, and goes to any row exactly', () => {
    const rows = 1_000_000
    const viewport = 12 * ROW_PX
    expect(rows * ROW_PX).toBeGreaterThan(MAX_SCROLL_PX)
    expect(contentHeight(rows)).toBe(MAX_SCROLL_PX)
    // Every row reached by "go to row" is the first shown (the inverse holds, rounding included).
    for (const row of [0, 1, 2, 765_431, 999_000, rows - 12]) {
      expect(rowWindow(rows, scrollTopFor(rows, row, viewport), viewport).first).toBe(row)
    }
    // The bottom of the scroll range shows the last row.
    const end = rowWindow(rows, contentHeight(rows), viewport)
    expect(end.first + end.count).toBe(rows)
  })

  it('asks for the pages a window touches', () => {
    expect(pagesFor(95, 13, 100)).toEqual([0, 1])
    expect(pagesFor(200, 13, 100)).toEqual([2])
    expect(pagesFor(0, 0, 100)).toEqual([])
  })
})

describe('series points for the chart', () => {
  const series = {
    rows: [0, 1, 2, 5, 6],
    time: ['a', 'b', 'c', 'd', 'e'],
    columns: { v: [1, null, 3, 4, 5] },
    gaps: [3]
  }

  it('keeps a missing value as a null and breaks the line before a gap in time', () => {
    expect(seriesPoints(series, 'v')).toEqual([
      { x: 0, y: 1 },
      { x: 1, y: null },
      { x: 2, y: 3 },
      // Rows 3 and 4 were decimated away; the gap at row 3 lies between rows 2 and 5.
      { x: 4.5, y: null },
      { x: 5, y: 4 },
      { x: 6, y: 5 }
    ])
  })

  it('puts a zoomed range at full detail between the overview points outside it', () => {
    const overview = [0, 10, 20, 30].map((x) => ({ x, y: x }))
    const detail = [11, 12, 13, 14].map((x) => ({ x, y: -x }))
    expect(mergeDetail(overview, detail).map((p) => p.x)).toEqual([0, 10, 11, 12, 13, 14, 20, 30])
    expect(mergeDetail(overview, [])).toEqual(overview)
  })
})

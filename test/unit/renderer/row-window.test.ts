import { describe, expect, it } from 'vitest'
import {
  contentHeight,
  MAX_SCROLL_PX,
  pagesFor,
  ROW_PX,
  rowWindow,
  scrollTopFor
} from '../../../src/renderer/src/data/row-window'

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

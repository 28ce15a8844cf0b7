import { describe, expect, it } from 'vitest'
import { mergeDetail, seriesPoints } from '../../src/renderer/src/charts/series-points'

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

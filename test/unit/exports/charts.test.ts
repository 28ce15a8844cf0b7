import { describe, expect, it } from 'vitest'
import { divergingRgb, maxAbs } from '../../../src/shared/diverging-colour'
import {
  explanationChartNames,
  mainChartName,
  renderExplanationChart
} from '../../../src/core/exports/explanation-charts'
import { COLD_CELL, FEATURES, HOT_CELL, STEPS, fixtureRecord } from './fixtures'
import { truncate } from '../../../src/core/exports/format'
import { decodePng, pngSize } from './png'

describe('diverging colour scale', () => {
  it('is white at 0, red above, blue below, and clamps beyond ±max', () => {
    expect(divergingRgb(0, 2)).toEqual([255, 255, 255])
    const [r1, g1, b1] = divergingRgb(2, 2)
    expect(r1).toBeGreaterThan(b1 + 100)
    expect(r1).toBeGreaterThan(g1 + 100)
    const [r2, , b2] = divergingRgb(-2, 2)
    expect(b2).toBeGreaterThan(r2 + 100)
    expect(divergingRgb(5, 2)).toEqual(divergingRgb(2, 2))
    expect(divergingRgb(-5, 2)).toEqual(divergingRgb(-2, 2))
    // No scale (all zeros) and non-finite values stay white.
    expect(divergingRgb(1, 0)).toEqual([255, 255, 255])
    expect(divergingRgb(Number.NaN, 1)).toEqual([255, 255, 255])
  })

  it('is symmetric in strength: ±v are equally far from white', () => {
    const whiteness = (rgb: readonly number[]): number => rgb.reduce((a, c) => a + (255 - c), 0)
    for (const v of [0.25, 0.5, 0.75, 1]) {
      const pos = whiteness(divergingRgb(v, 1))
      const neg = whiteness(divergingRgb(-v, 1))
      expect(Math.abs(pos - neg) / Math.max(pos, neg)).toBeLessThan(0.2)
    }
    expect(maxAbs([0.5, -3, Number.NaN, 2])).toBe(3)
  })
})

describe('which charts a record has', () => {
  it('draws the heatmap only at cell level, and the deletion curve only with the check', async () => {
    expect(explanationChartNames(fixtureRecord({ level: 'cell' }))).toEqual([
      'heatmap',
      'steps',
      'features'
    ])
    expect(explanationChartNames(fixtureRecord({ level: 'time', withDeletion: true }))).toEqual([
      'steps',
      'deletion'
    ])
    expect(explanationChartNames(fixtureRecord({ level: 'feature' }))).toEqual(['features'])
    expect(mainChartName(fixtureRecord({ level: 'time' }))).toBe('steps')
    await expect(
      renderExplanationChart(fixtureRecord({ level: 'feature' }), 'heatmap')
    ).rejects.toThrow(/no heatmap/)
  })
})

describe('attribution heatmap', () => {
  it('is an opaque PNG at twice its CSS size with red for the largest φ and blue for the most negative', async () => {
    const record = fixtureRecord({ level: 'cell' })
    const chart = await renderExplanationChart(record, 'heatmap')
    expect(pngSize(chart.png)).toEqual({ width: chart.cssWidth * 2, height: chart.cssHeight * 2 })
    expect(chart.width).toBe(1600)

    // Independent geometry: x spans the T steps left to right, y the F features top to bottom.
    const { left, top, right, bottom } = chart.chartArea
    const at = (t: number, f: number, dx = 0.5, dy = 0.5): [number, number] => [
      left + ((t + dx) * (right - left)) / STEPS,
      top + ((f + dy) * (bottom - top)) / FEATURES.length
    ]
    const centre = (t: number, f: number): [number, number] => at(t, f)
    const pixel = await decodePng(chart.png)
    const [hr, hg, hb, ha] = pixel(...centre(HOT_CELL.t, HOT_CELL.f))
    expect(ha).toBe(255)
    expect(hr).toBeGreaterThan(hb + 80)
    expect(hr).toBeGreaterThan(hg + 80)
    // The cells tile the plotting area exactly: near each corner of the hot cell it is still red.
    for (const [dx, dy] of [
      [0.1, 0.1],
      [0.9, 0.1],
      [0.1, 0.9],
      [0.9, 0.9]
    ] as const) {
      const [r, g, b] = pixel(...at(HOT_CELL.t, HOT_CELL.f, dx, dy))
      expect(r - Math.max(g, b), `hot cell at ${dx},${dy}`).toBeGreaterThan(80)
    }
    const [cr, , cb] = pixel(...centre(COLD_CELL.t, COLD_CELL.f))
    expect(cb).toBeGreaterThan(cr + 60)
    // A cell with |φ| ≈ 0.05 of max 1.8 is close to white, and the corner is the white background.
    const near = pixel(...centre(0, 3))
    for (const c of near.slice(0, 3)) expect(c).toBeGreaterThan(235)
    expect(pixel(1, 1)).toEqual([255, 255, 255, 255])
  })
})

describe('bar charts', () => {
  it('draws the steps chart at 2x with whiskers only when the record has standard errors', async () => {
    const plain = await renderExplanationChart(fixtureRecord({ level: 'time' }), 'steps')
    const withSe = await renderExplanationChart(
      fixtureRecord({ level: 'time', withStderr: true }),
      'steps'
    )
    expect(pngSize(plain.png)).toEqual({ width: 1600, height: plain.cssHeight * 2 })
    expect(Buffer.compare(plain.png, withSe.png)).not.toBe(0)
    // Exact methods report standard errors of 0: nothing to draw.
    const exact = fixtureRecord({ level: 'time' })
    const zeros = await renderExplanationChart(
      { ...exact, stderr: (exact.attributions as number[]).map(() => 0) },
      'steps'
    )
    expect(Buffer.compare(plain.png, zeros.png)).toBe(0)
    // The tallest bar (step 9, positive) is red just above the zero line in the bottom panel.
    const pixel = await decodePng(plain.png)
    const { left, right, bottom } = plain.chartArea
    const slot = (right - left) / (STEPS + 1)
    const x = left + (HOT_CELL.t + 0.5) * slot
    let red = 0
    for (let y = bottom - 300; y < bottom; y += 4) {
      const [r, g, b] = pixel(x, y)
      if (r > 150 && g < 80 && b < 80) red++
    }
    expect(red).toBeGreaterThan(5)
  })

  it('draws feature bars at feature level with a scale factor other than 2', async () => {
    const chart = await renderExplanationChart(
      fixtureRecord({ level: 'feature', withStderr: true }),
      'features',
      { scale: 1 }
    )
    expect(pngSize(chart.png)).toEqual({ width: 800, height: chart.cssHeight })
  })
})

describe('labels', () => {
  it('keeps long names apart by cutting their middle', () => {
    const a = truncate('feature_with_a_rather_long_name_12', 20)
    const b = truncate('feature_with_a_rather_long_name_13', 20)
    expect(a).toHaveLength(20)
    expect(a).not.toBe(b)
    expect(a.endsWith('_12')).toBe(true)
    expect(truncate('short', 20)).toBe('short')
  })
})

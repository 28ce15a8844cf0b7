/**
 * What the journey checks on the Train and Results charts, by their pixels,
 * and the screenshots it keeps for people to look at.
 */
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { canvasStats, countBars } from './canvas'
import { expect, ROOT } from './fixtures'

/** Plot area of a chart: below the top padding, above the x-axis labels and the legend. */
const PLOT = { top: 0.04, bottom: 0.7 }

/**
 * Columns of a chart's plot area holding near-black pixels: the "actual" line
 * (#24292f). Axis text and grid are lighter (#666 and below), so they do not count.
 */
async function darkColumns(page: Page, selector: string): Promise<number> {
  return page
    .locator(selector)
    .locator('canvas')
    .first()
    .evaluate((element, band) => {
      interface Canvas2d {
        width: number
        height: number
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
        } | null
      }
      const canvas = element as unknown as Canvas2d
      const y0 = Math.floor(band.top * canvas.height)
      const y1 = Math.ceil(band.bottom * canvas.height)
      const data = canvas.getContext('2d')!.getImageData(0, y0, canvas.width, y1 - y0).data
      let columns = 0
      for (let x = 0; x < canvas.width; x++) {
        for (let y = 0; y < y1 - y0; y++) {
          const i = (y * canvas.width + x) * 4
          const a = (data[i + 3] ?? 0) / 255
          const max = Math.max(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0) * a + 255 * (1 - a)
          if (max < 70) {
            columns++
            break
          }
        }
      }
      return columns
    }, PLOT)
}

/**
 * One point per epoch on the loss chart: the loss line (blue) is 2 px wide, its
 * point markers are 5 px discs, so counting runs of columns with at least 5
 * blue pixels in the plot area counts the markers.
 */
export async function lossPoints(page: Page): Promise<number> {
  return countBars(page, '[data-testid="loss-chart"]', {
    hues: ['blue'],
    minPixels: 5,
    band: PLOT
  })
}

/**
 * The predictions chart draws the model (blue, the only coloured line: naive is grey) and the
 * actual values (near black) across the plot.
 */
export async function expectPredictionLines(page: Page): Promise<void> {
  const chart = '[data-testid="prediction-chart"]'
  const stats = await canvasStats(page, chart, { band: PLOT })
  expect(stats.colouredColumns).toBeGreaterThan(stats.width * 0.6)
  expect(await darkColumns(page, chart)).toBeGreaterThan(stats.width * 0.6)
}

export const SCREENS = resolve(ROOT, 'test-results/screens')

export async function screens(page: Page, name: string): Promise<void> {
  for (const width of [1400, 900]) {
    // Tall enough that the whole view shows: the page scrolls inside <main>, not the document.
    await page.setViewportSize({ width, height: 1700 })
    await page.waitForTimeout(250)
    await page.screenshot({ path: `${SCREENS}/${name}-${width}.png`, fullPage: true })
    const overflow = await page.evaluate(() => {
      const root = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number } }
        }
      ).document.documentElement
      return root.scrollWidth - root.clientWidth
    })
    expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0)
  }
  await page.setViewportSize({ width: 1366, height: 860 })
}

/**
 * What the what-if e2e does to the editor: find a point of the window chart on the page from
 * the scales the chart publishes (`data-scales`, CSS pixels in canvas coordinates), drag it,
 * and read what the panel shows.
 */
import type { Locator, Page } from '@playwright/test'
import { expect } from './fixtures'

interface Axis {
  min: number
  max: number
  start: number
  end: number
}

function toPixel(value: number, axis: Axis): number {
  return axis.start + ((value - axis.min) / (axis.max - axis.min)) * (axis.end - axis.start)
}

export function chartCanvas(page: Page): Locator {
  return page.getByTestId('whatif-window-chart').locator('canvas').first()
}

/** Page coordinates of the point of step `step` whose value is `value`. */
export async function pointOnPage(
  page: Page,
  step: number,
  value: number
): Promise<{ x: number; y: number; axes: { x: Axis; y: Axis } }> {
  const canvas = chartCanvas(page)
  await expect(canvas).toHaveAttribute('data-scales', /"y"/)
  const axes = JSON.parse((await canvas.getAttribute('data-scales')) ?? '{}') as {
    x: Axis
    y: Axis
  }
  const box = await canvas.boundingBox()
  if (!box) throw new Error('the what-if chart has no box')
  return { x: box.x + toPixel(step, axes.x), y: box.y + toPixel(value, axes.y), axes }
}

/** Drag a point vertically by `dy` CSS pixels with the mouse, in small moves as a hand does. */
export async function dragPoint(page: Page, step: number, value: number, dy: number) {
  const at = await pointOnPage(page, step, value)
  await page.mouse.move(at.x, at.y)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(at.x, at.y + (dy * i) / 8)
  await page.mouse.up()
  return at
}

/** The edited forecast (unrounded) once the engine has answered for the edits on screen. */
export async function settledForecast(page: Page): Promise<number> {
  const forecast = page.getByTestId('whatif-forecast')
  await expect(forecast).toHaveAttribute('data-pending', 'false', { timeout: 30_000 })
  return Number(await forecast.getAttribute('data-value'))
}

/** The attributions of the edited window, once fresh. */
export async function settledAttributions(page: Page): Promise<void> {
  await expect(page.getByTestId('whatif-attributions')).toHaveAttribute('data-stale', 'false', {
    timeout: 30_000
  })
}

/** The bars canvas's pixels, to compare two drawings. */
export function barsPixels(page: Page): Promise<string> {
  return page
    .getByTestId('whatif-step-bars')
    .locator('canvas')
    .evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())
}

export async function latencies(page: Page): Promise<{ forecast: number; attributions: number }> {
  const f = await page.getByTestId('whatif-forecast').getAttribute('data-latency-ms')
  const a = await page.getByTestId('whatif-attributions').getAttribute('data-latency-ms')
  return { forecast: Number(f), attributions: Number(a) }
}

/**
 * Grey and blue pixels within `radius` CSS px of a point of the chart (page coordinates): the
 * ghost is grey and dashed, the edited series blue.
 */
export async function huesAround(
  page: Page,
  at: { x: number; y: number },
  radius = 5
): Promise<{ grey: number; blue: number }> {
  const canvas = chartCanvas(page)
  const box = await canvas.boundingBox()
  if (!box) throw new Error('the what-if chart has no box')
  return canvas.evaluate(
    (element, o) => {
      interface Canvas2d {
        width: number
        clientWidth: number
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
        } | null
      }
      const c = element as unknown as Canvas2d
      const scale = c.width / c.clientWidth
      const r = Math.round(o.radius * scale)
      const x0 = Math.round(o.x * scale) - r
      const y0 = Math.round(o.y * scale) - r
      const data = c.getContext('2d')!.getImageData(x0, y0, 2 * r + 1, 2 * r + 1).data
      let grey = 0
      let blue = 0
      for (let i = 0; i < data.length; i += 4) {
        const a = (data[i + 3] ?? 0) / 255
        const [red, green, b] = [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0].map(
          (v) => v * a + 255 * (1 - a)
        ) as [number, number, number]
        if (red >= 245 && green >= 245 && b >= 245) continue
        const chroma = Math.max(red, green, b) - Math.min(red, green, b)
        if (chroma < 48) grey++
        else if (b > red && b > green) blue++
      }
      return { grey, blue }
    },
    { x: at.x - box.x, y: at.y - box.y, radius }
  )
}

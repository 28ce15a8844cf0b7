/**
 * What a chart drew, read from its canvas pixels in the page, for Playwright
 * assertions that fail on a blank or half-drawn chart (a visible but empty
 * canvas passes `toBeVisible`).
 *
 *   const stats = await canvasStats(page, '[data-testid="heatmap"]')
 *   expect(stats.hues.red).toBeGreaterThan(0)
 *   expect(stats.hues.blue).toBeGreaterThan(0)
 *   expect(await countBars(page, '[data-testid="step-bars"]')).toBe(12)
 *
 * `selector` is a CSS selector (or a Locator) for the canvas itself or for an
 * element holding one canvas (the first canvas inside is read). Pixels are
 * composited over white first, so chart.js's translucent grid lines and fills
 * read as the light greys the user sees rather than as saturated colours.
 *
 * Classification of a composited pixel (r, g, b):
 * - blank: every channel ≥ 245 (white, or nothing drawn);
 * - grey: chroma (max − min) < `minChroma` (default 48): text, axes, grid, whiskers;
 * - otherwise coloured, by HSV hue: red (< 20° or ≥ 330°), orange (20–45°),
 *   yellow (45–70°), green (70–170°), cyan (170–195°), blue (195–260°),
 *   purple (260–330°).
 * The app's diverging scale (src/shared/diverging-colour.ts) reads red for
 * positive attributions and blue for negative ones.
 */
import type { Locator, Page } from '@playwright/test'

export type Hue = 'red' | 'orange' | 'yellow' | 'green' | 'cyan' | 'blue' | 'purple'

export interface CanvasStats {
  /** Canvas size in device pixels. */
  width: number
  height: number
  /** Share of pixels that are not blank (anything drawn: text, grid, marks). */
  nonBlankFraction: number
  /** Share of pixels that are coloured (marks, not text or grid). */
  colouredFraction: number
  /** Number of x columns holding at least one coloured pixel. */
  colouredColumns: number
  /** Pixel counts per class. */
  hues: Record<Hue | 'grey', number>
}

export interface PixelOptions {
  /** Minimum chroma (0–255, max − min channel after compositing) for a pixel to count as coloured. */
  minChroma?: number
  /** Only this horizontal band of the canvas, as fractions of its height (0 = top). */
  band?: { top: number; bottom: number }
}

export interface BarOptions extends PixelOptions {
  /** Count only columns holding pixels of these hues (default: any coloured pixel). */
  hues?: readonly Hue[]
  /** A column needs at least this many matching pixels (default 1). */
  minPixels?: number
  /** Runs narrower than this many device pixels are ignored (default 2: anti-aliasing specks). */
  minWidth?: number
}

interface RawScan {
  width: number
  height: number
  nonBlank: number
  coloured: number
  hues: Record<Hue | 'grey', number>
  /** Per column: matching pixel count (for countBars) or coloured pixel count (for stats). */
  columns: number[]
}

type Target = string | Locator

async function scan(
  page: Page,
  target: Target,
  options: PixelOptions & { hues?: readonly Hue[] }
): Promise<RawScan> {
  const locator = typeof target === 'string' ? page.locator(target).first() : target.first()
  await locator.waitFor({ state: 'attached' })
  return locator.evaluate(
    (element, opts) => {
      // Typed by hand: the e2e tsconfig has no DOM library.
      interface Canvas2d {
        width: number
        height: number
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
        } | null
      }
      interface Node {
        tagName: string
        querySelector(selector: string): unknown
      }
      const node = element as unknown as Node
      const canvas = (
        node.tagName === 'CANVAS' ? node : node.querySelector('canvas')
      ) as Canvas2d | null
      if (!canvas) throw new Error('canvasStats: no canvas in the element')
      const { width, height } = canvas
      const hues = { red: 0, orange: 0, yellow: 0, green: 0, cyan: 0, blue: 0, purple: 0, grey: 0 }
      if (width === 0 || height === 0) {
        return { width, height, nonBlank: 0, coloured: 0, hues, columns: [] as number[] }
      }
      const ctx = canvas.getContext('2d')
      if (!ctx) throw new Error('canvasStats: the canvas has no 2d context')
      const y0 = Math.floor((opts.band?.top ?? 0) * height)
      const y1 = Math.max(y0 + 1, Math.ceil((opts.band?.bottom ?? 1) * height))
      const data = ctx.getImageData(0, y0, width, y1 - y0).data
      const columns = new Array<number>(width).fill(0)
      const wanted = opts.hues ? new Set(opts.hues) : null
      let nonBlank = 0
      let coloured = 0
      for (let y = 0; y < y1 - y0; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4
          const a = (data[i + 3] ?? 0) / 255
          // Over white, as on the page's cards.
          const r = (data[i] ?? 0) * a + 255 * (1 - a)
          const g = (data[i + 1] ?? 0) * a + 255 * (1 - a)
          const b = (data[i + 2] ?? 0) * a + 255 * (1 - a)
          if (r >= 245 && g >= 245 && b >= 245) continue
          nonBlank++
          const max = Math.max(r, g, b)
          const min = Math.min(r, g, b)
          const chroma = max - min
          if (chroma < opts.minChroma) {
            hues.grey++
            continue
          }
          let h: number
          if (max === r) h = (((g - b) / chroma) % 6) * 60
          else if (max === g) h = ((b - r) / chroma + 2) * 60
          else h = ((r - g) / chroma + 4) * 60
          if (h < 0) h += 360
          const hue =
            h < 20 || h >= 330
              ? 'red'
              : h < 45
                ? 'orange'
                : h < 70
                  ? 'yellow'
                  : h < 170
                    ? 'green'
                    : h < 195
                      ? 'cyan'
                      : h < 260
                        ? 'blue'
                        : 'purple'
          hues[hue]++
          coloured++
          if (!wanted || wanted.has(hue)) columns[x] = (columns[x] ?? 0) + 1
        }
      }
      return { width, height, nonBlank, coloured, hues, columns }
    },
    { minChroma: options.minChroma ?? 48, band: options.band, hues: options.hues }
  )
}

/** What a canvas holds: how much is drawn, how much is coloured, and in which hues. */
export async function canvasStats(
  page: Page,
  target: Target,
  options: PixelOptions = {}
): Promise<CanvasStats> {
  const raw = await scan(page, target, options)
  const bandRows = Math.max(
    1,
    Math.ceil((options.band?.bottom ?? 1) * raw.height) -
      Math.floor((options.band?.top ?? 0) * raw.height)
  )
  const pixels = raw.width * bandRows
  return {
    width: raw.width,
    height: raw.height,
    nonBlankFraction: pixels > 0 ? raw.nonBlank / pixels : 0,
    colouredFraction: pixels > 0 ? raw.coloured / pixels : 0,
    colouredColumns: raw.columns.filter((c) => c > 0).length,
    hues: raw.hues
  }
}

/** Runs of consecutive columns whose value is at least `min`, at least `minWidth` wide. */
export function runsOf(columns: readonly number[], min: number, minWidth: number): number[] {
  const widths: number[] = []
  let run = 0
  for (const c of [...columns, 0]) {
    if (c >= min) run++
    else {
      if (run >= minWidth) widths.push(run)
      run = 0
    }
  }
  return widths
}

/**
 * The number of vertical bars drawn: runs of adjacent x columns holding
 * coloured pixels (of `hues`, when given), separated by columns without any.
 * Bars of different colours that touch count as one run, so charts are
 * expected to leave a gap between bars (chart.js's barPercentage < 1).
 */
export async function countBars(
  page: Page,
  target: Target,
  options: BarOptions = {}
): Promise<number> {
  const raw = await scan(page, target, options)
  return runsOf(raw.columns, options.minPixels ?? 1, options.minWidth ?? 2).length
}

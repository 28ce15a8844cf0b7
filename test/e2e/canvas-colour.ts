/**
 * Pixels of given colours on a chart's canvas, for charts whose marks differ
 * by colour rather than hue (a grey baseline next to a blue model; interval
 * bands in two alphas of one blue):
 *
 *   const found = await colourCounts(page, '[data-testid="path-chart"]', {
 *     inner: PALETTE.interval[0], outer: PALETTE.interval[1]
 *   })
 *   expect(found.inner.pixels).toBeGreaterThan(100)
 *
 * Colours are CSS `#rrggbb` or `rgb(a)(r, g, b[, a])`, composited over white
 * as the canvas pixels are (canvas.ts), and a pixel matches within
 * `tolerance` per channel. `runs` counts runs of adjacent columns holding the
 * colour (bars of one series, separated by gaps), `columns` is each column's
 * count (to compare two drawings of one chart).
 */
import type { Page } from '@playwright/test'
import { runsOf } from './canvas'

export interface ColourCount {
  pixels: number
  runs: number
  columns: number[]
}

export interface ColourOptions {
  /** Largest difference per channel (0–255) that still matches (default 6). */
  tolerance?: number
  /** Only this horizontal band of the canvas, as fractions of its height (0 = top). */
  band?: { top: number; bottom: number }
  /** Runs narrower than this many device pixels are ignored (default 2). */
  minWidth?: number
  /**
   * A column counts towards a run with at least this many matching pixels (default 1);
   * more leaves out anti-aliased text, whose edge pixels can take any grey.
   */
  minPixels?: number
}

/** A CSS colour as the RGB it shows over white. */
export function overWhite(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css)
  if (hex) return [1, 2, 3].map((i) => parseInt(hex[i] ?? '0', 16)) as [number, number, number]
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/.exec(
    css
  )
  if (!rgb) throw new Error(`overWhite: cannot read the colour ${css}`)
  const a = rgb[4] === undefined ? 1 : Number(rgb[4])
  return [1, 2, 3].map((i) => Number(rgb[i]) * a + 255 * (1 - a)) as [number, number, number]
}

export async function colourCounts<K extends string>(
  page: Page,
  selector: string,
  colours: Record<K, string>,
  options: ColourOptions = {}
): Promise<Record<K, ColourCount>> {
  const names = Object.keys(colours) as K[]
  const targets = names.map((name) => overWhite(colours[name]))
  const locator = page.locator(selector).first()
  await locator.waitFor({ state: 'attached' })
  const perColour = await locator.evaluate(
    (element, opts) => {
      // Typed by hand: the e2e tsconfig has no DOM library.
      interface Canvas2d {
        width: number
        height: number
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> }
        } | null
      }
      const node = element as unknown as { tagName: string; querySelector(s: string): unknown }
      const canvas = (
        node.tagName === 'CANVAS' ? node : node.querySelector('canvas')
      ) as Canvas2d | null
      if (!canvas) throw new Error('colourCounts: no canvas in the element')
      const { width, height } = canvas
      const columns = opts.targets.map(() => new Array<number>(width).fill(0))
      const ctx = canvas.getContext('2d')
      if (!ctx || width === 0 || height === 0) return columns
      const y0 = Math.floor(opts.band.top * height)
      const y1 = Math.max(y0 + 1, Math.ceil(opts.band.bottom * height))
      const data = ctx.getImageData(0, y0, width, y1 - y0).data
      for (let y = 0; y < y1 - y0; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4
          const a = (data[i + 3] ?? 0) / 255
          const r = (data[i] ?? 0) * a + 255 * (1 - a)
          const g = (data[i + 1] ?? 0) * a + 255 * (1 - a)
          const b = (data[i + 2] ?? 0) * a + 255 * (1 - a)
          opts.targets.forEach(([tr, tg, tb], k) => {
            if (
              Math.abs(r - tr) <= opts.tolerance &&
              Math.abs(g - tg) <= opts.tolerance &&
              Math.abs(b - tb) <= opts.tolerance
            ) {
              const column = columns[k]
              if (column) column[x] = (column[x] ?? 0) + 1
            }
          })
        }
      }
      return columns
    },
    {
      targets,
      tolerance: options.tolerance ?? 6,
      band: options.band ?? { top: 0, bottom: 1 }
    }
  )
  const result = {} as Record<K, ColourCount>
  names.forEach((name, k) => {
    const columns = perColour[k] ?? []
    result[name] = {
      pixels: columns.reduce((a, b) => a + b, 0),
      runs: runsOf(columns, options.minPixels ?? 1, options.minWidth ?? 2).length,
      columns
    }
  })
  return result
}

/**
 * Text drawn on canvases (chart axis labels, heatmap row labels, legends), which the DOM cannot
 * see. `recordCanvasText` wraps CanvasRenderingContext2D.fillText in the page so each canvas
 * keeps the ink boxes of the text on its current frame (a full clear starts a new frame, as
 * chart.js does on every draw); `canvasTextProblems` then reports labels that overlap one
 * another and labels cut by the edge of their canvas. Boxes keep the drawing transform, so
 * rotated tick labels are compared as the rotated rectangles they are.
 */
import type { Page } from '@playwright/test'

/** Installs the recorder before any page script runs (call before `page.goto`). */
export async function recordCanvasText(page: Page): Promise<void> {
  await page.addInitScript(installRecorder)
}

/** Overlapping and cut canvas labels, readable ([] when clean), and how many labels were seen. */
export function canvasTextProblems(page: Page): Promise<{ problems: string[]; labels: number }> {
  return page.evaluate(findProblems)
}

type Point = [number, number]
interface DrawnText {
  text: string
  /** The ink box's corners in canvas pixels, in drawing order. */
  corners: Point[]
}
interface Transform {
  a: number
  b: number
  c: number
  d: number
  e: number
  f: number
}
interface Context2d {
  canvas: { width: number; height: number } & Record<string, unknown>
  getTransform(): Transform
  measureText(text: string): {
    width: number
    actualBoundingBoxLeft: number
    actualBoundingBoxRight: number
    actualBoundingBoxAscent: number
    actualBoundingBoxDescent: number
  }
}
type FillText = (this: Context2d, text: string, x: number, y: number, maxWidth?: number) => void
type ClearRect = (this: Context2d, x: number, y: number, w: number, h: number) => void

/** In the page, before its scripts (self-contained: Playwright sends its source). */
function installRecorder(): void {
  const KEY = '__layoutTexts'
  const g = globalThis as unknown as {
    CanvasRenderingContext2D?: { prototype: { fillText: FillText; clearRect: ClearRect } }
  }
  const proto = g.CanvasRenderingContext2D?.prototype
  if (!proto || (proto.fillText as unknown as Record<string, unknown>)[KEY]) return
  const fillText = proto.fillText
  const clearRect = proto.clearRect
  const map = (t: Transform, x: number, y: number): Point => [
    t.a * x + t.c * y + t.e,
    t.b * x + t.d * y + t.f
  ]
  proto.clearRect = function (x, y, w, h) {
    const t = this.getTransform()
    const [x0, y0] = map(t, x, y)
    const [x1, y1] = map(t, x + w, y + h)
    const { width, height } = this.canvas
    if (Math.min(x0, x1) <= 0 && Math.min(y0, y1) <= 0) {
      if (Math.max(x0, x1) >= width && Math.max(y0, y1) >= height) this.canvas[KEY] = []
    }
    clearRect.call(this, x, y, w, h)
  }
  const recording: FillText = function (text, x, y, maxWidth) {
    const m = this.measureText(String(text))
    // A maxWidth narrower than the text squeezes it horizontally.
    const squeeze = maxWidth !== undefined && m.width > maxWidth ? maxWidth / m.width : 1
    const left = x - m.actualBoundingBoxLeft * squeeze
    const right = x + m.actualBoundingBoxRight * squeeze
    const top = y - m.actualBoundingBoxAscent
    const bottom = y + m.actualBoundingBoxDescent
    const t = this.getTransform()
    const drawn: DrawnText = {
      text: String(text),
      corners: [map(t, left, top), map(t, right, top), map(t, right, bottom), map(t, left, bottom)]
    }
    const list = (this.canvas[KEY] as DrawnText[] | undefined) ?? []
    list.push(drawn)
    this.canvas[KEY] = list
    if (maxWidth === undefined) fillText.call(this, text, x, y)
    else fillText.call(this, text, x, y, maxWidth)
  }
  ;(recording as unknown as Record<string, unknown>)[KEY] = true
  proto.fillText = recording
}

/** In the page: the recorded text of every visible canvas, checked. */
function findProblems(): { problems: string[]; labels: number } {
  const KEY = '__layoutTexts'
  // Ink overlapping by less than this (canvas px) is anti-aliasing, not a collision.
  const SLACK = 1
  interface CanvasElement {
    width: number
    height: number
    parentElement: { closest(selector: string): { getAttribute(n: string): string | null } | null }
    checkVisibility(options: object): boolean
  }
  const doc = (
    globalThis as unknown as {
      document: { querySelectorAll(s: string): ArrayLike<CanvasElement & Record<string, unknown>> }
    }
  ).document
  /** How far two convex quadrilaterals overlap along the axis that separates them best. */
  const penetration = (p: Point[], q: Point[]): number => {
    let least = Infinity
    for (const poly of [p, q]) {
      for (let i = 0; i < poly.length; i++) {
        const [x0, y0] = poly[i]!
        const [x1, y1] = poly[(i + 1) % poly.length]!
        const length = Math.hypot(x1 - x0, y1 - y0)
        if (length === 0) continue
        const axis: Point = [(y0 - y1) / length, (x1 - x0) / length]
        const project = (poly2: Point[]): [number, number] => {
          const dots = poly2.map(([x, y]) => x * axis[0] + y * axis[1])
          return [Math.min(...dots), Math.max(...dots)]
        }
        const [pMin, pMax] = project(p)
        const [qMin, qMax] = project(q)
        least = Math.min(least, Math.min(pMax, qMax) - Math.max(pMin, qMin))
      }
    }
    return least
  }
  const problems: string[] = []
  let labels = 0
  for (const canvas of Array.from(doc.querySelectorAll('canvas'))) {
    const texts = ((canvas[KEY] as DrawnText[] | undefined) ?? []).filter((t) => t.text.trim())
    if (!texts.length || !canvas.checkVisibility({ checkVisibilityCSS: true })) continue
    labels += texts.length
    const owner = canvas.parentElement.closest('[data-testid]')?.getAttribute('data-testid')
    const where = `chart${owner ? ` ${owner}` : ''}`
    for (const t of texts) {
      const xs = t.corners.map(([x]) => x)
      const ys = t.corners.map(([, y]) => y)
      const out = Math.max(
        -Math.min(...xs),
        -Math.min(...ys),
        Math.max(...xs) - canvas.width,
        Math.max(...ys) - canvas.height
      )
      if (out > SLACK) problems.push(`${where}: label "${t.text}" is cut by the canvas edge`)
    }
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i]!
        const b = texts[j]!
        // The same label drawn twice in the same place is one label.
        if (a.text === b.text && JSON.stringify(a.corners) === JSON.stringify(b.corners)) continue
        if (penetration(a.corners, b.corners) > SLACK) {
          problems.push(`${where}: labels "${a.text}" and "${b.text}" overlap`)
        }
      }
    }
  }
  return { problems, labels }
}

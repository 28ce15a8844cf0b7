/**
 * Layout checks that hold for every view, at any width, in any language:
 * - nothing scrolls sideways: neither the page nor any card or table wrapper;
 * - no visible text runs into other visible text or into a control (labels, buttons, headings,
 *   table cells, any other text; inputs, selects, buttons as boxes);
 * - no text is cut by the window's right edge, or cut short by its box (an ellipsis) unless a
 *   tooltip (a title) gives the whole text; no select shows its chosen value cut.
 * Text is measured by its rendered line boxes (a Range over each text node), clipped by every
 * ancestor that clips, so text scrolled out of a box or hidden for screen readers is ignored.
 * Text drawn on canvases is checked too (labels overlapping, labels cut by the canvas edge)
 * where the page records it: `recordCanvasText(page)` before loading it (canvas-text.ts).
 */
import type { Page } from '@playwright/test'
import { canvasTextProblems } from './canvas-text'

export interface LayoutReport {
  /** Readable problems, empty when the layout is clean. */
  problems: string[]
  /** How many text owners and controls were measured (so a check of nothing shows). */
  texts: number
  controls: number
  /** Labels drawn on visible canvases (0 unless the page records them: canvas-text.ts). */
  canvasLabels: number
}

/** Runs the checks on what the page shows now; text scrolled out of view is not measured. */
export async function checkLayout(page: Page): Promise<LayoutReport> {
  const found = await page.evaluate(probe, null)
  const canvas = await canvasTextProblems(page)
  return {
    problems: [...found.scrollers, ...found.cut, ...found.overlaps, ...canvas.problems],
    texts: found.texts,
    controls: found.controls,
    canvasLabels: canvas.labels
  }
}

export interface LayoutProblems {
  scrollers: string[]
  overlaps: string[]
}

/**
 * The sideways scrollers of the page, and the collisions among text and controls inside
 * `root` (a CSS selector), as the Explain view's e2e asks for them.
 */
export async function layoutProblems(page: Page, root: string): Promise<LayoutProblems> {
  const found = await page.evaluate(probe, root)
  return { scrollers: found.scrollers, overlaps: found.overlaps }
}

/**
 * Makes the window tall enough that nothing scrolls vertically (the shell scrolls its content
 * pane, not the page), keeping the width: then every part of a view is on screen for the
 * checks and for a screenshot. Returns the new height.
 */
export async function showWholeView(page: Page, maxHeight = 8000): Promise<number> {
  const size = page.viewportSize()
  if (!size) throw new Error('showWholeView needs a fixed viewport')
  let height = size.height
  // Twice: a taller window can reflow what depends on its height.
  for (let pass = 0; pass < 2; pass++) {
    const hidden = await page.evaluate(hiddenHeight)
    if (hidden <= 0) break
    height = Math.min(maxHeight, height + hidden)
    await page.setViewportSize({ width: size.width, height })
  }
  return height
}

// The few DOM shapes the probe uses: the e2e compiles without the DOM library.
interface Box {
  left: number
  top: number
  right: number
  bottom: number
}
interface Style {
  overflowX: string
  overflowY: string
  font: string
  paddingLeft: string
  paddingRight: string
}
interface SelectElement {
  selectedIndex: number
  options: ArrayLike<DomNode>
}
interface DomNode {
  nodeType: number
  textContent: string | null
  childNodes: ArrayLike<DomNode>
  parentElement: DomElement | null
}
interface DomElement extends DomNode {
  tagName: string
  className: unknown
  scrollWidth: number
  clientWidth: number
  scrollHeight: number
  clientHeight: number
  appendChild(child: DomNode): void
  getAttribute(name: string): string | null
  getBoundingClientRect(): Box
  closest(selector: string): DomElement | null
  contains(other: DomElement): boolean
  checkVisibility(options: object): boolean
  querySelectorAll(selector: string): ArrayLike<DomElement>
}
interface DomWindow {
  innerWidth: number
  innerHeight: number
  getComputedStyle(element: DomElement): Style
  document: {
    body: DomElement
    documentElement: DomElement
    scrollingElement: DomElement | null
    createRange(): { selectNodeContents(node: DomNode): void; getClientRects(): ArrayLike<Box> }
    createElement(tag: 'span'): DomElement & {
      style: { cssText: string; font: string }
      remove(): void
    }
  }
}

/** In the page: how many pixels the tallest scrolling pane (or the page) hides below. */
function hiddenHeight(): number {
  const win = globalThis as unknown as DomWindow
  const doc = win.document
  const page = doc.scrollingElement ?? doc.documentElement
  let hidden = page.scrollHeight - page.clientHeight
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const { overflowY } = win.getComputedStyle(el)
    // Only panes about as tall as the window: a short scrolling list is meant to scroll.
    if ((overflowY === 'auto' || overflowY === 'scroll') && el.clientHeight > win.innerHeight / 2) {
      hidden = Math.max(hidden, el.scrollHeight - el.clientHeight)
    }
  }
  return hidden
}

interface Found {
  scrollers: string[]
  cut: string[]
  overlaps: string[]
  texts: number
  controls: number
}

/**
 * In the page; self-contained (Playwright sends its source). Sideways scrolling is checked on
 * the whole page; text and controls inside `rootSelector` (the body when null).
 */
function probe(rootSelector: string | null): Found {
  const win = globalThis as unknown as DomWindow
  const doc = win.document
  // What counts as one piece of text: the nearest of these around a text node.
  const OWNERS =
    'label, button, a, h1, h2, h3, h4, h5, h6, th, td, legend, summary, caption, dt, dd, li, p, [role=tab]'
  const CONTROLS = 'input:not([type=hidden]), select, textarea, button'
  // Less than this much overlap (px, each way) is glyph spill, not a collision.
  const SLACK = 3
  // Room Chromium's native select arrow takes beside the padding (px).
  const SELECT_ARROW = 20
  const scrollers: string[] = []
  const cut: string[] = []
  const overlaps: string[] = []
  const scope = rootSelector === null ? doc.body : doc.body.querySelectorAll(rootSelector)[0]
  if (!scope) throw new Error(`layout check: nothing matches ${rootSelector}`)

  const describe = (el: DomElement): string => {
    const id = el.getAttribute('data-testid')
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\s+/)[0] : ''
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)
    const around = el.parentElement?.closest('[data-testid]')?.getAttribute('data-testid')
    return (
      `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : cls ? ` .${cls}` : ''}>` +
      (text ? ` "${text}"` : '') +
      (around ? ` in ${around}` : '')
    )
  }
  const visible = (el: DomElement): boolean =>
    el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
  const intersect = (a: Box, b: Box): Box => ({
    left: Math.max(a.left, b.left),
    top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right),
    bottom: Math.min(a.bottom, b.bottom)
  })
  const size = (b: Box): { w: number; h: number } => ({ w: b.right - b.left, h: b.bottom - b.top })
  /** The part of `box` left after every clipping ancestor of `el` (itself included). */
  const clipped = (box: Box, el: DomElement): Box => {
    let out = box
    for (let at: DomElement | null = el; at && at !== doc.body; at = at.parentElement) {
      const style = win.getComputedStyle(at)
      if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
        out = intersect(out, at.getBoundingClientRect())
      }
    }
    return out
  }
  const solid = (b: Box): boolean => size(b).w >= 1 && size(b).h >= 1

  // 1. Sideways scrolling: the page, and any box that scrolls on its own.
  const root = doc.scrollingElement ?? doc.documentElement
  if (root.scrollWidth > root.clientWidth + 1) {
    scrollers.push(
      `the page scrolls sideways: ${root.scrollWidth}px of content in a ${root.clientWidth}px window`
    )
  }
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    const { overflowX } = win.getComputedStyle(el)
    if (overflowX !== 'auto' && overflowX !== 'scroll') continue
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1 && visible(el)) {
      scrollers.push(
        `${describe(el)} scrolls sideways: ${el.scrollWidth}px of content in ${el.clientWidth}px`
      )
    }
  }

  // 2. What is on screen: text line boxes by owner, and control boxes.
  interface Item {
    owner: DomElement
    boxes: Box[]
    control: boolean
  }
  const texts = new Map<DomElement, Box[]>()
  const cutShort = new Set<DomElement>()
  const range = doc.createRange()
  const walk = (node: DomNode): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 1) {
        const tag = (child as DomElement).tagName
        if (!['SCRIPT', 'STYLE', 'SELECT', 'TEXTAREA', 'svg', 'CANVAS'].includes(tag)) walk(child)
        continue
      }
      const parent = child.parentElement
      if (child.nodeType !== 3 || !parent || !(child.textContent ?? '').trim()) continue
      if (!visible(parent)) continue
      range.selectNodeContents(child)
      const boxes = Array.from(range.getClientRects())
        .map((b) => clipped(b, parent))
        .filter(solid)
      if (boxes.length === 0) continue
      const overflows = parent.scrollWidth > parent.clientWidth + 1
      if (overflows && win.getComputedStyle(parent).overflowX !== 'visible') {
        if (!parent.closest('[title]')) cutShort.add(parent)
      }
      const owner = parent.closest(OWNERS) ?? parent
      texts.set(owner, [...(texts.get(owner) ?? []), ...boxes])
    }
  }
  walk(scope)
  const items: Item[] = [...texts].map(([owner, boxes]) => ({ owner, boxes, control: false }))
  let controls = 0
  for (const el of Array.from(scope.querySelectorAll(CONTROLS))) {
    if (!visible(el)) continue
    const box = clipped(el.getBoundingClientRect(), el)
    if (!solid(box)) continue
    items.push({ owner: el, boxes: [box], control: true })
    controls++
  }

  // 3. Text cut by the window's right edge.
  for (const item of items) {
    if (item.control) continue
    const over = item.boxes.find((b) => b.left < root.clientWidth && b.right > root.clientWidth + 1)
    if (over) {
      cut.push(
        `${describe(item.owner)} is cut by the window's right edge (${Math.round(over.right)}px > ${root.clientWidth}px)`
      )
    }
  }

  for (const el of cutShort) {
    cut.push(
      `${describe(el)} is cut short: ${el.clientWidth}px shown of ${el.scrollWidth}px, and no tooltip gives the rest`
    )
  }

  // Measured as the page lays text out (same font, same fallbacks for Chinese), off screen.
  const ruler = doc.createElement('span')
  ruler.style.cssText =
    'position:absolute; left:-10000px; top:0; white-space:pre; visibility:hidden'
  doc.body.appendChild(ruler)
  for (const el of Array.from(scope.querySelectorAll('select'))) {
    const select = el as unknown as SelectElement
    const chosen = select.options[select.selectedIndex]?.textContent?.trim()
    if (!chosen || !visible(el)) continue
    const style = win.getComputedStyle(el)
    ruler.style.font = style.font
    ruler.textContent = chosen
    const needed = ruler.getBoundingClientRect().right - ruler.getBoundingClientRect().left
    const room =
      el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - SELECT_ARROW
    if (needed > room + 1) {
      cut.push(
        `${describe(el)} shows its value "${chosen}" cut: ${Math.round(needed)}px of text in ${Math.round(room)}px`
      )
    }
  }
  ruler.remove()

  // 4. Collisions: text with text, text with a control, control with control.
  const reported = new Set<string>()
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!
      const b = items[j]!
      if (a.owner === b.owner) continue
      // A control's own text sits inside it; a control inside a text owner is compared by boxes.
      if ((a.control && a.owner.contains(b.owner)) || (b.control && b.owner.contains(a.owner))) {
        continue
      }
      if (a.control && b.control && (a.owner.contains(b.owner) || b.owner.contains(a.owner))) {
        continue
      }
      for (const boxA of a.boxes) {
        const hit = b.boxes.find((boxB) => {
          const overlap = size(intersect(boxA, boxB))
          return overlap.w > SLACK && overlap.h > SLACK
        })
        if (!hit) continue
        const key = `${describe(a.owner)} overlaps ${describe(b.owner)}`
        if (!reported.has(key)) {
          reported.add(key)
          const o = intersect(boxA, hit)
          overlaps.push(
            `${key} at x=${Math.round(o.left)}, y=${Math.round(o.top)} (${Math.round(size(o).w)}×${Math.round(size(o).h)}px)`
          )
        }
        break
      }
    }
  }
  return { scrollers, cut, overlaps, texts: texts.size, controls }
}

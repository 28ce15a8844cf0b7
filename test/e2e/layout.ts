/**
 * Layout checks for Playwright: what would look broken on a page. The check
 * runs in the page as plain JavaScript (the e2e tsconfig has no DOM library).
 *
 *   expect(await layoutProblems(page, '[data-testid="explain"]')).toEqual({ scrollers: [], overlaps: [] })
 *
 * - scrollers: the page, or any element with overflow-x auto/scroll, wider
 *   than its box (a horizontal scrollbar);
 * - overlaps: pairs of visible text boxes (each text node's client rects) of
 *   different elements under `root` that overlap by more than 2 × 2 px.
 *   Text inside selects, options and screen-reader-only spans is skipped;
 *   text in a clipping ancestor (overflow not visible) counts only where shown.
 *   Canvas charts are not text: their tick labels are kept apart by
 *   construction (src/renderer/src/explain/ticks.ts).
 */
import type { Page } from '@playwright/test'

export interface LayoutProblems {
  scrollers: string[]
  overlaps: string[]
}

const SCRIPT = `(rootSelector) => {
  const root = document.querySelector(rootSelector)

    const scrollers = []
    const page = document.scrollingElement
    if (page && page.scrollWidth > page.clientWidth + 1) scrollers.push('page')
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const style = getComputedStyle(el)
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll'
      if (scrolls && el.scrollWidth > el.clientWidth + 1) {
        // Name the widest things sticking out, for the failure message.
        const edge = el.getBoundingClientRect().right
        const out = Array.from(el.querySelectorAll('*'))
          .filter((c) => c.getBoundingClientRect().right > edge + 1)
          .filter((c) => !c.parentElement || c.parentElement.getBoundingClientRect().right <= edge + 1)
          .slice(0, 3)
          .map((c) => \`\${c.tagName.toLowerCase()}.\${String(c.className)} (\${Math.round(c.getBoundingClientRect().right - edge)} px)\`)
        scrollers.push(\`\${el.tagName.toLowerCase()}.\${el.className}: \${out.join(', ')}\`)
      }
    }
    const boxes = []
    if (root) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      while (walker.nextNode()) {
        const node = walker.currentNode
        const text = node.textContent?.trim() ?? ''
        const el = node.parentElement
        if (!text || !el || el.closest('.sr-only, select, option, [hidden]')) continue
        // Ancestors that clip (a scrolling table, an ellipsis): only the visible part counts.
        const clips = []
        for (let a = el; a && a !== document.body; a = a.parentElement) {
          const style = getComputedStyle(a)
          if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
            clips.push(a.getBoundingClientRect())
          }
        }
        const range = document.createRange()
        range.selectNodeContents(node)
        for (const raw of Array.from(range.getClientRects())) {
          let r = { left: raw.left, top: raw.top, right: raw.right, bottom: raw.bottom }
          for (const c of clips) {
            r = {
              left: Math.max(r.left, c.left),
              top: Math.max(r.top, c.top),
              right: Math.min(r.right, c.right),
              bottom: Math.min(r.bottom, c.bottom)
            }
          }
          if (r.right - r.left > 1 && r.bottom - r.top > 1) {
            boxes.push({ r, el, text: text.slice(0, 40) })
          }
        }
      }
    }
    const overlaps = []
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]
        const b = boxes[j]
        if (a.el === b.el) continue
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left)
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top)
        if (w > 2 && h > 2) overlaps.push(\`"\${a.text}" × "\${b.text}"\`)
      }
    }
    return { scrollers, overlaps }
  }`

export async function layoutProblems(page: Page, root: string): Promise<LayoutProblems> {
  return page.evaluate(`(${SCRIPT})(${JSON.stringify(root)})`) as Promise<LayoutProblems>
}

/**
 * Windowing for the rows table: which rows a scroll position shows, with a
 * fixed row height. Browsers cap an element's height (~17 million px in
 * Firefox), so past MAX_SCROLL_PX the scroll range is scaled: the position
 * maps to a row in proportion, and the visible rows are drawn at the
 * scroll position itself.
 */
export const ROW_PX = 28
export const MAX_SCROLL_PX = 8_000_000

export interface RowWindow {
  /** First row shown (0-based). */
  first: number
  /** Rows shown. */
  count: number
  /** Where the first shown row is drawn, in px from the top of the scroll content. */
  top: number
}

/** Height of the scroll content for `rows` rows. */
export function contentHeight(rows: number): number {
  return Math.min(rows * ROW_PX, MAX_SCROLL_PX)
}

/** The rows visible at `scrollTop` in a viewport `viewport` px high, one extra for a partial row. */
export function rowWindow(rows: number, scrollTop: number, viewport: number): RowWindow {
  const visible = Math.max(1, Math.ceil(viewport / ROW_PX) + 1)
  const height = contentHeight(rows)
  const span = Math.max(0, height - viewport)
  const top = Math.min(Math.max(0, scrollTop), span)
  let first: number
  let drawAt: number
  if (rows * ROW_PX <= MAX_SCROLL_PX) {
    first = Math.floor(top / ROW_PX)
    drawAt = first * ROW_PX
  } else {
    // Scaled: the scroll fraction picks the row; the rows are drawn where the viewport is.
    const lastFirst = Math.max(0, rows - Math.floor(viewport / ROW_PX))
    first = span === 0 ? 0 : Math.round((top / span) * lastFirst)
    drawAt = top
  }
  first = Math.min(first, Math.max(0, rows - 1))
  return { first, count: Math.max(0, Math.min(visible, rows - first)), top: drawAt }
}

/** The scroll position that shows `row` at the top of the viewport (the inverse of rowWindow). */
export function scrollTopFor(rows: number, row: number, viewport: number): number {
  const target = Math.min(Math.max(0, row), Math.max(0, rows - 1))
  if (rows * ROW_PX <= MAX_SCROLL_PX) return target * ROW_PX
  const span = Math.max(0, contentHeight(rows) - viewport)
  const lastFirst = Math.max(1, rows - Math.floor(viewport / ROW_PX))
  return (Math.min(target, lastFirst) / lastFirst) * span
}

/** The pages (of `pageSize` rows) that rows first..first+count-1 fall in. */
export function pagesFor(first: number, count: number, pageSize: number): number[] {
  if (count <= 0) return []
  const from = Math.floor(first / pageSize)
  const to = Math.floor((first + count - 1) / pageSize)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

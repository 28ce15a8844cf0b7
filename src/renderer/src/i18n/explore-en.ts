/** English for the Data view's row table, series zoom and chunked upload (issue 16). */
export const exploreEn = {
  upload: {
    progress: 'Uploading {name}: {pct}'
  },
  table: {
    title: 'Rows',
    row: 'Row',
    goTo: 'Go to row',
    go: 'Go',
    range: 'Rows {from}–{to} of {rows}',
    aria: 'Rows of {name}: {rows} rows. Arrow keys, Page Up, Page Down, Home and End scroll.',
    missing: 'missing'
  },
  zoom: {
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    reset: 'Reset zoom',
    hint: 'Scroll or pinch to zoom, drag to pan; keys: + − ← → 0'
  }
}

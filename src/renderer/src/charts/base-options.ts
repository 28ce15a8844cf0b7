/**
 * What every chart of the app shares, written once: it fills its box (the
 * box's CSS sets the height), draws without animation (what it shows is a
 * finished result) and speaks the UI's locale.
 */
export function baseOptions(locale: string) {
  return { locale, responsive: true, maintainAspectRatio: false, animation: false } as const
}

/** Lines over x: the tooltip answers for the nearest point along x, anywhere above or below it. */
export const ALONG_X = { mode: 'nearest', axis: 'x', intersect: false } as const

/** An x axis of epochs: from 1, whole numbers only. */
export function epochAxis(title: string, suggestedMax?: number) {
  return {
    type: 'linear',
    min: 1,
    ...(suggestedMax === undefined ? {} : { suggestedMax }),
    title: { display: true, text: title },
    ticks: { precision: 0 }
  } as const
}

/**
 * An x axis over points 0..n−1 labelled with their dates: at most 8 labels,
 * none forced at the ends (where they would collide), no vertical grid.
 */
export function dateIndexAxis(n: number, label: (value: number) => string) {
  return {
    type: 'linear',
    min: 0,
    max: Math.max(1, n - 1),
    ticks: {
      maxTicksLimit: 8,
      includeBounds: false,
      callback: (value: string | number) => label(Number(value))
    },
    grid: { display: false }
  } as const
}

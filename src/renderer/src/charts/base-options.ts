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

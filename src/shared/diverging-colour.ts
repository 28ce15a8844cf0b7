/**
 * The diverging colour scale every attribution chart uses: blue for negative,
 * white for exactly 0, red for positive, symmetric around ±max|φ| so that equal
 * magnitudes get equal strength whatever their sign. Stops follow ColorBrewer's
 * RdBu with a pure white centre. Shared so the app's charts and the exported
 * PNG/HTML use one scale.
 */

export type Rgb = readonly [number, number, number]

/** Stops from −1 (strong blue) through 0 (white) to +1 (strong red). */
const STOPS: readonly { at: number; rgb: Rgb }[] = [
  { at: -1, rgb: [33, 102, 172] },
  { at: -0.5, rgb: [103, 169, 207] },
  { at: 0, rgb: [255, 255, 255] },
  { at: 0.5, rgb: [239, 138, 98] },
  { at: 1, rgb: [178, 24, 43] }
]

/** The colour of `value` on a scale running from −maxAbs to +maxAbs (clamped outside). */
export function divergingRgb(value: number, maxAbs: number): Rgb {
  if (!Number.isFinite(value) || !(maxAbs > 0)) return [255, 255, 255]
  const s = Math.max(-1, Math.min(1, value / maxAbs))
  for (let i = 1; i < STOPS.length; i++) {
    const hi = STOPS[i]!
    if (s <= hi.at) {
      const lo = STOPS[i - 1]!
      const w = (s - lo.at) / (hi.at - lo.at)
      return [
        Math.round(lo.rgb[0] + w * (hi.rgb[0] - lo.rgb[0])),
        Math.round(lo.rgb[1] + w * (hi.rgb[1] - lo.rgb[1])),
        Math.round(lo.rgb[2] + w * (hi.rgb[2] - lo.rgb[2]))
      ]
    }
  }
  return STOPS[STOPS.length - 1]!.rgb
}

export function divergingCss(value: number, maxAbs: number): string {
  const [r, g, b] = divergingRgb(value, maxAbs)
  return `rgb(${r}, ${g}, ${b})`
}

/** Full-strength colours for bars, whose length already shows the magnitude. */
export const POSITIVE_CSS = divergingCss(1, 1)
export const NEGATIVE_CSS = divergingCss(-1, 1)

export function signCss(value: number): string {
  return value < 0 ? NEGATIVE_CSS : POSITIVE_CSS
}

/** The scale's half-range: max |v| over finite values (0 when there are none). */
export function maxAbs(values: Iterable<number>): number {
  let m = 0
  for (const v of values) if (Number.isFinite(v) && Math.abs(v) > m) m = Math.abs(v)
  return m
}

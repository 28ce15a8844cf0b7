/**
 * Interval bands around a forecast path, as the charts draw them. The engine
 * calibrates one half-width per step and level; a band is the path ± that
 * half-width. The charts paint each region once, in the colour of the
 * narrowest level that contains it (a nested, non-overlapping fill), so the
 * colour on screen is exactly the palette's colour for that level.
 */
import { halfWidthAtHorizon } from '../../../shared/forecast-facts'

/** One level's half-widths, one per step of the path (step 1 first). */
export interface IntervalWidths {
  level: number
  halfWidth: readonly number[]
}

/** One level's band: lower and upper bound per point of the path. */
export interface Band {
  level: number
  lower: number[]
  upper: number[]
}

/**
 * Bands around `path`, whose point i is step `firstStep + i` (1-based steps,
 * so a path that starts at step 1 reads halfWidth[i]). Narrowest level first.
 * A step without a half-width gives no bound there (NaN: a gap, not a zero).
 */
export function bandsAround(
  path: readonly number[],
  intervals: readonly IntervalWidths[],
  firstStep = 1
): Band[] {
  return [...intervals]
    .sort((a, b) => a.level - b.level)
    .map(({ level, halfWidth }) => {
      const half = path.map((_, i) => halfWidth[firstStep - 1 + i] ?? Number.NaN)
      return {
        level,
        lower: path.map((v, i) => v - (half[i] ?? Number.NaN)),
        upper: path.map((v, i) => v + (half[i] ?? Number.NaN))
      }
    })
}

/**
 * Bands around forecasts that are all for step H (the test predictions at the
 * horizon): each point ± its level's half-width at step H. Narrowest first.
 */
export function bandsAtHorizon(
  values: readonly number[],
  intervals: readonly IntervalWidths[]
): Band[] {
  return [...intervals]
    .sort((a, b) => a.level - b.level)
    .map((iv) => {
      const half = halfWidthAtHorizon(iv)
      return {
        level: iv.level,
        lower: values.map((v) => v - half),
        upper: values.map((v) => v + half)
      }
    })
}

/** A boundary line of the nested fill, bottom to top. */
export interface BandLayer {
  level: number
  side: 'lower' | 'upper'
  values: number[]
  /**
   * Which level's colour fills from the previous layer up to this one (its
   * rank: 0 = narrowest); null for the first layer, which fills nothing.
   */
  fillRank: number | null
}

/**
 * The boundaries from the widest band's lower edge up to its upper edge:
 * lower edges widest → narrowest, then upper edges narrowest → widest. Each
 * layer but the first fills down to the one before it: between two lower (or
 * two upper) edges lies only the wider band; between the narrowest band's
 * edges lies the narrowest. `bands` must be sorted narrowest first (as
 * bandsAround returns them).
 */
export function bandLayers(bands: readonly Band[]): BandLayer[] {
  const layers: BandLayer[] = []
  for (let rank = bands.length - 1; rank >= 0; rank--) {
    const band = bands[rank]
    if (!band) continue
    const fillRank = layers.length === 0 ? null : rank + 1
    layers.push({ level: band.level, side: 'lower', values: band.lower, fillRank })
  }
  bands.forEach((band, rank) => {
    layers.push({ level: band.level, side: 'upper', values: band.upper, fillRank: rank })
  })
  return layers
}

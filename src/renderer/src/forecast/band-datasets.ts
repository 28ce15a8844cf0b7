/**
 * Chart.js datasets for interval bands (bands.ts's nested layers), shared by
 * the path charts and the test predictions chart so every band on screen has
 * the same colours, legend entries and tooltips.
 */
import type { ChartDataset } from 'chart.js'
import { COLORS } from '../charts/register'
import type { Band, BandLayer } from './bands'

type Point = { x: number; y: number }

/** The palette colour of the level of rank `rank` (0 = narrowest). */
export function bandColour(rank: number): string {
  const colours = COLORS.interval
  return colours[Math.min(rank, colours.length - 1)] ?? colours[0]
}

/** One boundary line, filled down to the layer before it in its level's colour. */
export function layerDataset(
  layer: BandLayer,
  label: string,
  xOf: (i: number) => number
): ChartDataset<'line', Point[]> {
  const fill = layer.fillRank
  return {
    label,
    data: layer.values.map((y, i) => ({ x: xOf(i), y })),
    borderWidth: 0,
    pointRadius: 0,
    pointHoverRadius: 0,
    backgroundColor: fill === null ? 'transparent' : bandColour(fill),
    fill: fill === null ? false : '-1',
    // Chart.js draws a lower `order` on top and, at equal order, the first dataset on top: the
    // bands come first, so without this their fill would veil the lines drawn through them.
    order: 1
  }
}

/**
 * Whether dataset `index` gets a legend entry and tooltip line: every
 * non-band dataset, and one per level (its upper edge carries its colour).
 * The band layers must come first among the datasets.
 */
export function shownInKey(layers: readonly BandLayer[], index: number | undefined): boolean {
  const layer = layers[index ?? -1]
  return layer === undefined || layer.side === 'upper'
}

/** "80 % interval: lower – upper" for an upper edge's tooltip; null for other datasets. */
export function bandTooltip(
  layers: readonly BandLayer[],
  bands: readonly Band[],
  datasetIndex: number,
  dataIndex: number
): { lower: number | undefined; upper: number | undefined } | null {
  const layer = layers[datasetIndex]
  if (!layer) return null
  const band = bands.find((b) => b.level === layer.level)
  return { lower: band?.lower[dataIndex], upper: band?.upper[dataIndex] }
}

import {
  type ChartConfiguration,
  type ChartType,
  type Plugin,
  type ScriptableContext,
  type Scale
} from 'chart.js'
import type { ExplanationRecord } from '../../../shared/explanation'
import { divergingCss, maxAbs } from '../../../shared/diverging-colour'
import { cellGrid, shortTime } from '../../../shared/explanation-views'
import { COLOUR_BAR_SPACE, colourBar, whiteBackground } from '../chart-plugins'
import { formatNumber, truncate } from '../format'
import { evenTicks } from '../../../shared/ticks'
import { clamp, headline, methodName, TEXT, titles, type Spec } from './common'

/** The T × F cell attributions on a diverging scale centred on 0, with a colour bar (cell level only). */
export function heatmapSpec(r: ExplanationRecord): Spec | null {
  const grid = cellGrid(r)
  if (!grid) return null
  const steps = grid.length
  const features = r.features.length
  const cells = grid.flatMap((row, t) => row.map((v, f) => ({ x: t, y: f, v })))
  const max = maxAbs(cells.map((c) => c.v))
  const height = clamp(features * 26 + 150, 280, 1400)
  const title = `Attribution of each input cell — ${headline(r)}`
  const plugins: Plugin<ChartType>[] = [whiteBackground(), colourBar(max, 'φ')]
  return {
    title,
    height,
    description:
      'Each cell is one input value (column: time step, row: feature); red raised the forecast, blue lowered it, white had no effect, and the strength is symmetric around the largest |φ|.',
    config: {
      type: 'matrix',
      data: {
        datasets: [
          {
            data: cells,
            backgroundColor: (ctx: ScriptableContext<'matrix'>) =>
              divergingCss((ctx.raw as { v: number }).v, max),
            borderWidth: 0,
            width: ({ chart }) => (chart.chartArea ? chart.chartArea.width / steps + 0.5 : 0),
            height: ({ chart }) => (chart.chartArea ? chart.chartArea.height / features + 0.5 : 0)
          }
        ]
      },
      options: {
        layout: { padding: { right: COLOUR_BAR_SPACE, top: 4 } },
        plugins: titles(
          title,
          `${methodName(r)} · φ in ${truncate(r.target, 24)} units · scale ±${formatNumber(max, 3)}`
        ),
        scales: {
          x: {
            type: 'linear',
            min: -0.5,
            max: steps - 0.5,
            // The matrix controller's default offset would pad the axis by half a tick.
            offset: false,
            grid: { display: false },
            afterBuildTicks: (scale: Scale) => {
              scale.ticks = evenTicks(steps, 14).map((value) => ({ value }))
            },
            ticks: {
              color: TEXT,
              autoSkip: false,
              callback: (value) => shortTime(r.window.time[Number(value)] ?? '')
            }
          },
          y: {
            type: 'linear',
            reverse: true,
            min: -0.5,
            max: features - 0.5,
            offset: false,
            grid: { display: false },
            afterBuildTicks: (scale: Scale) => {
              scale.ticks = evenTicks(features, 40).map((value) => ({ value }))
            },
            ticks: {
              color: TEXT,
              autoSkip: false,
              callback: (value) => truncate(r.features[Number(value)] ?? '', 28)
            }
          }
        }
      },
      plugins
    } as ChartConfiguration<'matrix'> as unknown as ChartConfiguration<ChartType>
  }
}

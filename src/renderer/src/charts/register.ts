/** Registers only the chart.js parts Hindsight uses. */
import {
  Chart,
  Decimation,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  Tooltip
} from 'chart.js'
import type { Plugin } from 'chart.js'
import zoomPlugin from 'chartjs-plugin-zoom'
import { PALETTE } from '@shared/palette'

let registered = false

export function registerCharts(): void {
  if (registered) return
  registered = true
  Chart.register(
    LineController,
    LineElement,
    PointElement,
    LinearScale,
    LogarithmicScale,
    Filler,
    Legend,
    Tooltip,
    Decimation,
    zoomPlugin
  )
  Chart.defaults.font.family =
    "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'PingFang SC', 'Microsoft YaHei', sans-serif"
  Chart.defaults.font.size = 12
  Chart.defaults.color = '#5b6472'
  Chart.defaults.borderColor = 'rgba(15, 23, 42, 0.08)'
}

/** The app's colours, from the palette the exports share. */
export const COLORS = PALETTE

export interface Band {
  from: number
  to: number
  color: string
  label: string
}

/** Shaded x ranges behind the data, labelled at the top (the split on the series chart). */
export function bandsPlugin(bands: () => readonly Band[]): Plugin<'line'> {
  return {
    id: 'hindsightBands',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart
      const x = scales['x']
      if (!x || !chartArea) return
      ctx.save()
      for (const band of bands()) {
        const left = Math.max(chartArea.left, x.getPixelForValue(band.from))
        const right = Math.min(chartArea.right, x.getPixelForValue(band.to))
        if (right <= left) continue
        ctx.fillStyle = band.color
        ctx.fillRect(left, chartArea.top, right - left, chartArea.bottom - chartArea.top)
        ctx.fillStyle = '#57606a'
        ctx.font = `600 11px ${String(chart.options.font?.family ?? 'sans-serif')}`
        ctx.textBaseline = 'top'
        if (right - left > 40) ctx.fillText(band.label, left + 6, chartArea.top + 6)
      }
      ctx.restore()
    }
  }
}

/** The label of the point whose x is nearest to `value` (x values sorted ascending). */
export function nearestLabel(
  xs: readonly number[],
  labels: readonly string[],
  value: number
): string {
  if (xs.length === 0) return ''
  let lo = 0
  let hi = xs.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((xs[mid] ?? 0) < value) lo = mid + 1
    else hi = mid
  }
  const before = lo > 0 ? lo - 1 : lo
  const pick = Math.abs((xs[before] ?? 0) - value) < Math.abs((xs[lo] ?? 0) - value) ? before : lo
  return labels[pick] ?? ''
}

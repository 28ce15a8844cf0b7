import type { ChartType, Plugin } from 'chart.js'
import { divergingCss } from '../../shared/diverging-colour'
import { CHART_FONT_FAMILY } from './fonts'
import { formatNumber } from './format'

/**
 * Small chart.js plugins for headless export charts. Each is a closure passed
 * in the chart's own `plugins` list, so nothing is registered globally and no
 * chart.js option types need augmenting.
 */

/** Paint the canvas white before anything else, so PNGs are not transparent. */
export function whiteBackground<T extends ChartType>(): Plugin<T> {
  return {
    id: 'hindsightWhiteBackground',
    beforeDraw(chart) {
      const { ctx, width, height } = chart
      ctx.save()
      ctx.globalCompositeOperation = 'destination-over'
      ctx.fillStyle = '#ffffff'
      ctx.fillRect(0, 0, width, height)
      ctx.restore()
    }
  }
}

/**
 * Whiskers of ± halfWidths[i] around bar i of one dataset, vertical for
 * vertical bars and horizontal when the chart's indexAxis is 'y'.
 */
export function errorBars<T extends ChartType>(
  datasetIndex: number,
  halfWidths: readonly (number | null)[]
): Plugin<T> {
  return {
    id: 'hindsightErrorBars',
    afterDatasetsDraw(chart) {
      const meta = chart.getDatasetMeta(datasetIndex)
      const data = chart.data.datasets[datasetIndex]?.data ?? []
      const scale = meta.vScale
      if (!scale) return
      const horizontal = chart.options?.indexAxis === 'y'
      const { ctx } = chart
      const cap = 4
      ctx.save()
      ctx.strokeStyle = '#222222'
      ctx.lineWidth = 1.2
      meta.data.forEach((element, i) => {
        const v = data[i]
        const e = halfWidths[i]
        if (typeof v !== 'number' || e === null || e === undefined || !(e > 0)) return
        const lo = scale.getPixelForValue(v - e)
        const hi = scale.getPixelForValue(v + e)
        const { x, y } = element
        ctx.beginPath()
        if (horizontal) {
          ctx.moveTo(lo, y)
          ctx.lineTo(hi, y)
          ctx.moveTo(lo, y - cap)
          ctx.lineTo(lo, y + cap)
          ctx.moveTo(hi, y - cap)
          ctx.lineTo(hi, y + cap)
        } else {
          ctx.moveTo(x, lo)
          ctx.lineTo(x, hi)
          ctx.moveTo(x - cap, lo)
          ctx.lineTo(x + cap, lo)
          ctx.moveTo(x - cap, hi)
          ctx.lineTo(x + cap, hi)
        }
        ctx.stroke()
      })
      ctx.restore()
    }
  }
}

/** Width the colour bar needs to the right of the chart area (CSS pixels). */
export const COLOUR_BAR_SPACE = 96

/**
 * A vertical colour bar right of the chart area for the diverging scale:
 * +max at the top, 0 (white) in the middle, −max at the bottom, with values.
 */
export function colourBar<T extends ChartType>(max: number, title: string): Plugin<T> {
  return {
    id: 'hindsightColourBar',
    afterDraw(chart) {
      const { ctx, chartArea: area } = chart
      const x = area.right + 16
      const w = 14
      const top = area.top
      const height = area.bottom - area.top
      const slices = 96
      ctx.save()
      for (let i = 0; i < slices; i++) {
        const s = 1 - (2 * (i + 0.5)) / slices
        ctx.fillStyle = divergingCss(s, 1)
        ctx.fillRect(x, top + (i * height) / slices, w, height / slices + 0.5)
      }
      ctx.strokeStyle = '#666666'
      ctx.lineWidth = 1
      ctx.strokeRect(x, top, w, height)
      ctx.fillStyle = '#333333'
      ctx.font = `11px ${CHART_FONT_FAMILY}`
      ctx.textBaseline = 'middle'
      ctx.textAlign = 'left'
      const ticks = max > 0 ? [1, 0.5, 0, -0.5, -1] : [0]
      for (const s of ticks) {
        const y = top + ((1 - s) / 2) * height
        ctx.beginPath()
        ctx.moveTo(x + w, y)
        ctx.lineTo(x + w + 4, y)
        ctx.stroke()
        ctx.fillText(formatNumber(s * max, 3), x + w + 6, y)
      }
      ctx.textAlign = 'center'
      ctx.textBaseline = 'bottom'
      ctx.fillText(title, x + w / 2, top - 4)
      ctx.restore()
    }
  }
}

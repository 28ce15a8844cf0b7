/** The chart.js parts the Explain view adds to the app's: bars, categories and the matrix. */
import { BarController, BarElement, CategoryScale, Chart } from 'chart.js'
import type { Plugin } from 'chart.js'
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix'
import { registerCharts } from '../charts/register'

let registered = false

export function registerExplainCharts(): void {
  registerCharts()
  if (registered) return
  registered = true
  Chart.register(BarController, BarElement, CategoryScale, MatrixController, MatrixElement)
}

/** y axes of stacked charts get one width, so their x axes line up. */
export const Y_AXIS_WIDTH = 64

export function fixedWidth(scale: { width: number }): void {
  scale.width = Y_AXIS_WIDTH
}

/**
 * Whiskers (± `half[i]`) on the bars of dataset 0, for standard errors. Drawn
 * after the datasets, in the text colour, with end caps.
 */
export function whiskersPlugin(half: () => readonly number[] | null): Plugin<'bar'> {
  return {
    id: 'hindsightWhiskers',
    afterDatasetsDraw(chart) {
      const errors = half()
      if (!errors) return
      const meta = chart.getDatasetMeta(0)
      const data = chart.data.datasets[0]?.data ?? []
      const horizontal = chart.options.indexAxis === 'y'
      const value = horizontal ? chart.scales['x'] : chart.scales['y']
      if (!value) return
      const { ctx } = chart
      ctx.save()
      ctx.strokeStyle = 'rgba(28, 33, 40, 0.7)'
      ctx.lineWidth = 1
      meta.data.forEach((element, i) => {
        const e = errors[i]
        const v = data[i]
        if (e === undefined || !(e > 0) || typeof v !== 'number') return
        const lo = value.getPixelForValue(v - e)
        const hi = value.getPixelForValue(v + e)
        const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number }
        const c = horizontal ? y : x
        ctx.beginPath()
        if (horizontal) {
          ctx.moveTo(lo, c)
          ctx.lineTo(hi, c)
          ctx.moveTo(lo, c - 3)
          ctx.lineTo(lo, c + 3)
          ctx.moveTo(hi, c - 3)
          ctx.lineTo(hi, c + 3)
        } else {
          ctx.moveTo(c, lo)
          ctx.lineTo(c, hi)
          ctx.moveTo(c - 3, lo)
          ctx.lineTo(c + 3, lo)
          ctx.moveTo(c - 3, hi)
          ctx.lineTo(c + 3, hi)
        }
        ctx.stroke()
      })
      ctx.restore()
    }
  }
}

import type { Plugin } from 'chart.js'

/**
 * Where the time step breaks (the engine's irregular-step facts): a dashed
 * vertical line between the two rows, with a small marker at the top.
 */
export function breaksPlugin(rows: () => readonly number[], color: string): Plugin<'line'> {
  return {
    id: 'hindsightBreaks',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart
      const x = scales['x']
      if (!x || !chartArea) return
      ctx.save()
      ctx.strokeStyle = color
      ctx.fillStyle = color
      ctx.lineWidth = 1.5
      ctx.setLineDash([3, 3])
      for (const row of rows()) {
        const px = x.getPixelForValue(row - 0.5)
        if (px < chartArea.left || px > chartArea.right) continue
        ctx.beginPath()
        ctx.moveTo(px, chartArea.top)
        ctx.lineTo(px, chartArea.bottom)
        ctx.stroke()
        ctx.beginPath()
        ctx.moveTo(px - 4, chartArea.top)
        ctx.lineTo(px + 4, chartArea.top)
        ctx.lineTo(px, chartArea.top + 6)
        ctx.closePath()
        ctx.fill()
      }
      ctx.restore()
    }
  }
}

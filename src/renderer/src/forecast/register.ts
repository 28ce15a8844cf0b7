/** The chart.js parts the forecast charts add to the app's: vertical bars over step categories. */
import { BarController, BarElement, CategoryScale, Chart } from 'chart.js'
import { registerCharts } from '../charts/register'

let registered = false

export function registerForecastCharts(): void {
  registerCharts()
  if (registered) return
  registered = true
  Chart.register(BarController, BarElement, CategoryScale)
}

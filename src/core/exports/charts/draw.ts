import { createCanvas } from '@napi-rs/canvas'
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  SubTitle,
  Title,
  type ChartConfiguration,
  type ChartItem,
  type ChartType
} from 'chart.js'
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix'
import { WIDTH, type ChartName, type RenderedChart, type Spec } from './common'

let registered = false
function register(): void {
  if (registered) return
  Chart.register(
    BarController,
    BarElement,
    CategoryScale,
    LinearScale,
    LineController,
    LineElement,
    PointElement,
    Legend,
    Title,
    SubTitle,
    MatrixController,
    MatrixElement
  )
  registered = true
}

export async function draw(name: ChartName, spec: Spec, scale: number): Promise<RenderedChart> {
  register()
  const canvas = createCanvas(WIDTH, spec.height)
  const config: ChartConfiguration<ChartType> = {
    ...spec.config,
    options: {
      ...spec.config.options,
      animation: false,
      responsive: false,
      devicePixelRatio: scale
    }
  }
  const chart = new Chart(canvas as unknown as ChartItem, config)
  try {
    const area = chart.chartArea
    const png = await canvas.encode('png')
    return {
      name,
      title: spec.title,
      description: spec.description,
      png,
      width: canvas.width,
      height: canvas.height,
      cssWidth: WIDTH,
      cssHeight: spec.height,
      chartArea: {
        left: area.left * scale,
        top: area.top * scale,
        right: area.right * scale,
        bottom: area.bottom * scale
      }
    }
  } finally {
    chart.destroy()
  }
}

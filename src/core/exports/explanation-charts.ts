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
  type ChartType,
  type LegendItem,
  type Plugin,
  type ScriptableContext,
  type Scale
} from 'chart.js'
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix'
import type { ExplanationRecord } from '../../shared/explanation'
import { COLOUR_BAR_SPACE, colourBar, errorBars, whiteBackground } from './chart-plugins'
import {
  divergingCss,
  maxAbs,
  NEGATIVE_CSS,
  POSITIVE_CSS,
  signCss
} from '../../shared/diverging-colour'
import {
  cellGrid,
  ERROR_BAR_Z,
  featureBars,
  levelsAtTarget,
  shortTime,
  stepBars,
  targetSeries,
  type Bars
} from '../../shared/explanation-views'
import { formatNumber, truncate } from './format'

/**
 * Export charts of one explanation, drawn headless with chart.js on a Skia
 * canvas (@napi-rs/canvas): no DOM, no animation, fixed size, white
 * background, devicePixelRatio 2 by default so the PNGs stay crisp when shown
 * at their CSS size (a 800 × 400 chart is a 1600 × 800 PNG).
 *
 * - heatmap:  the T × F cell attributions on a diverging scale centred on 0
 *             (cell level only), with a colour bar.
 * - steps:    two panels on one x axis: the target's input series with the
 *             forecast and the actual value at the target time above, one
 *             attribution bar per step below (error bars ±1.96 s.e. when the
 *             record has standard errors). Time and cell level (row sums).
 * - features: one bar per feature, largest |φ| first. Feature and cell level
 *             (column sums).
 * - deletion: deletion and insertion curves against random order, when the
 *             record carries the deletion check.
 */
export type ChartName = 'heatmap' | 'steps' | 'features' | 'deletion'

export interface RenderedChart {
  name: ChartName
  title: string
  /** One sentence saying how to read the chart (used as alt text and caption). */
  description: string
  png: Buffer
  /** PNG size in pixels: CSS size × scale. */
  width: number
  height: number
  /** CSS size the PNG is meant to be shown at. */
  cssWidth: number
  cssHeight: number
  /** The plotting area in PNG pixels (for tests and overlays). */
  chartArea: { left: number; top: number; right: number; bottom: number }
}

export interface ChartOptions {
  /** Pixel ratio of the PNG (default 2). */
  scale?: number
}

/** Error bars are drawn at ± this many standard errors (≈ 95 % for a normal estimate). */

const WIDTH = 800
const TEXT = '#333333'
const GRID = '#e6e6e6'
/** Most features a bar chart lists before it keeps only the largest |φ|. */
const MAX_FEATURE_BARS = 30

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

/** The charts a record has, in report order. */
export function explanationChartNames(r: ExplanationRecord): ChartName[] {
  const names: ChartName[] = []
  if (r.level === 'cell') names.push('heatmap')
  if (r.level === 'cell' || r.level === 'time') names.push('steps')
  if (r.level === 'cell' || r.level === 'feature') names.push('features')
  if (r.checks.deletion) names.push('deletion')
  return names
}

/** The one chart a single .png export holds: the one that shows the record's own level. */
export function mainChartName(r: ExplanationRecord): ChartName {
  switch (r.level) {
    case 'cell':
      return 'heatmap'
    case 'time':
      return 'steps'
    case 'feature':
      return 'features'
    default:
      throw new Error(`Unknown level ${String(r.level satisfies never)}`)
  }
}

export async function renderExplanationCharts(
  r: ExplanationRecord,
  options: ChartOptions = {}
): Promise<RenderedChart[]> {
  const out: RenderedChart[] = []
  for (const name of explanationChartNames(r))
    out.push(await renderExplanationChart(r, name, options))
  return out
}

export async function renderExplanationChart(
  r: ExplanationRecord,
  name: ChartName,
  options: ChartOptions = {}
): Promise<RenderedChart> {
  const spec = chartSpec(r, name)
  if (!spec) throw new Error(`A ${r.level}-level explanation has no ${name} chart`)
  return draw(name, spec, options.scale ?? 2)
}

interface Spec {
  title: string
  description: string
  height: number
  config: ChartConfiguration<ChartType>
}

function chartSpec(r: ExplanationRecord, name: ChartName): Spec | null {
  switch (name) {
    case 'heatmap':
      return heatmapSpec(r)
    case 'steps':
      return stepsSpec(r)
    case 'features':
      return featuresSpec(r)
    case 'deletion':
      return deletionSpec(r)
    default:
      throw new Error(`Unknown chart ${String(name satisfies never)}`)
  }
}

async function draw(name: ChartName, spec: Spec, scale: number): Promise<RenderedChart> {
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

function titles(
  text: string,
  subtitle: string
): { title: object; subtitle: object; legend: object } {
  return {
    title: { display: true, text, color: TEXT, font: { size: 15, weight: 'bold' } },
    subtitle: {
      display: subtitle !== '',
      text: subtitle,
      color: '#666666',
      padding: { bottom: 8 }
    },
    legend: { display: false }
  }
}

function headline(r: ExplanationRecord): string {
  return `${truncate(r.target)} at ${shortTime(r.targetTime)}`
}

function heatmapSpec(r: ExplanationRecord): Spec | null {
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

function stepsSpec(r: ExplanationRecord): Spec | null {
  const bars = stepBars(r)
  if (!bars) return null
  const steps = bars.values.length
  const labels = [...bars.labels.map(shortTime), `${shortTime(r.targetTime)} (target)`]
  const series = targetSeries(r)
  const atTarget = (v: number): (number | null)[] => [...new Array<null>(steps).fill(null), v]
  const errors = whiskers(bars.stderr)
  const [lo, hi] = valueRange(bars.values, errors)
  const title = `Attribution per time step — ${headline(r)}`
  const notes = [
    methodName(r),
    bars.summed ? 'bars: cell attributions summed over features' : '',
    errors ? `whiskers: ±${ERROR_BAR_Z} standard errors` : ''
  ].filter((s) => s !== '')
  const plugins: Plugin<ChartType>[] = [whiteBackground()]
  if (errors) plugins.push(errorBars(3, errors))
  const pad = (hi - lo) * 0.05 || 1
  return {
    title,
    height: 520,
    description: `Top: ${r.target} over the input window, with the forecast f(x) and the actual value at the target time; bottom: how much each step moved the forecast (red up, blue down), on the same time axis.`,
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'line',
            label: `${truncate(r.target, 30)} (input)`,
            data: [...series, null],
            yAxisID: 'series',
            borderColor: '#555555',
            backgroundColor: '#555555',
            borderWidth: 1.5,
            pointRadius: steps > 60 ? 0 : 2
          },
          {
            type: 'line',
            label: `forecast = ${formatNumber(levelsAtTarget(r).forecast)}`,
            data: atTarget(levelsAtTarget(r).forecast),
            yAxisID: 'series',
            showLine: false,
            pointStyle: 'triangle',
            pointRadius: 7,
            borderColor: '#6a3d9a',
            backgroundColor: '#6a3d9a'
          },
          {
            type: 'line',
            label: `actual = ${formatNumber(levelsAtTarget(r).actual)}`,
            data: atTarget(levelsAtTarget(r).actual),
            yAxisID: 'series',
            showLine: false,
            pointStyle: 'rectRot',
            pointRadius: 7,
            borderColor: '#111111',
            backgroundColor: '#ffffff',
            borderWidth: 2
          },
          {
            type: 'bar',
            label: 'φ',
            data: [...bars.values, null],
            yAxisID: 'attr',
            backgroundColor: bars.values.map(signCss),
            categoryPercentage: 0.9,
            barPercentage: 0.9
          }
        ]
      },
      options: {
        plugins: {
          ...titles(title, notes.join(' · ')),
          legend: {
            display: true,
            position: 'top',
            labels: {
              color: TEXT,
              filter: (item: LegendItem) => item.datasetIndex !== 3,
              usePointStyle: true
            }
          }
        },
        scales: {
          x: {
            type: 'category',
            grid: { color: GRID },
            ticks: { color: TEXT, autoSkip: true, maxRotation: 50 }
          },
          // Stacked axes are laid out bottom-up in order: attributions below, series above.
          attr: {
            type: 'linear',
            position: 'left',
            stack: 'panels',
            stackWeight: 2,
            offset: true,
            suggestedMin: Math.min(0, lo - pad),
            suggestedMax: Math.max(0, hi + pad),
            grid: { color: zeroLine },
            title: { display: true, text: 'φ', color: TEXT },
            ticks: { color: TEXT }
          },
          series: {
            type: 'linear',
            position: 'left',
            stack: 'panels',
            stackWeight: 3,
            beginAtZero: false,
            offset: true,
            grid: { color: GRID },
            title: { display: true, text: truncate(r.target, 30), color: TEXT },
            ticks: { color: TEXT }
          }
        }
      },
      plugins
    } as unknown as ChartConfiguration<ChartType>
  }
}

function featuresSpec(r: ExplanationRecord): Spec | null {
  const all = featureBars(r)
  if (!all) return null
  const order = all.values
    .map((_, i) => i)
    .sort((a, b) => Math.abs(all.values[b]!) - Math.abs(all.values[a]!) || a - b)
    .slice(0, MAX_FEATURE_BARS)
  const bars: Bars = {
    labels: order.map((i) => truncate(all.labels[i]!, 32)),
    values: order.map((i) => all.values[i]!),
    stderr: all.stderr ? order.map((i) => all.stderr![i]!) : null,
    summed: all.summed
  }
  const errors = whiskers(bars.stderr)
  const [lo, hi] = valueRange(bars.values, errors)
  const pad = (hi - lo) * 0.05 || 1
  const title = `Attribution per feature — ${headline(r)}`
  const notes = [
    methodName(r),
    bars.summed ? 'cell attributions summed over time steps' : '',
    order.length < all.values.length ? `largest ${order.length} of ${all.values.length}` : '',
    errors ? `whiskers: ±${ERROR_BAR_Z} standard errors` : ''
  ].filter((s) => s !== '')
  const plugins: Plugin<ChartType>[] = [whiteBackground()]
  if (errors) plugins.push(errorBars(0, errors))
  return {
    title,
    height: clamp(order.length * 28 + 130, 240, 1100),
    description:
      'One bar per feature, largest |φ| first: red bars raised the forecast, blue bars lowered it.',
    config: {
      type: 'bar',
      data: {
        labels: bars.labels,
        datasets: [
          {
            label: 'φ',
            data: bars.values,
            backgroundColor: bars.values.map(signCss),
            categoryPercentage: 0.85,
            barPercentage: 0.9
          }
        ]
      },
      options: {
        indexAxis: 'y',
        plugins: titles(title, notes.join(' · ')),
        scales: {
          x: {
            type: 'linear',
            suggestedMin: Math.min(0, lo - pad),
            suggestedMax: Math.max(0, hi + pad),
            grid: { color: zeroLine },
            title: { display: true, text: `φ (${truncate(r.target, 24)} units)`, color: TEXT },
            ticks: { color: TEXT }
          },
          y: { type: 'category', grid: { display: false }, ticks: { color: TEXT, autoSkip: false } }
        }
      },
      plugins
    } as unknown as ChartConfiguration<ChartType>
  }
}

function deletionSpec(r: ExplanationRecord): Spec | null {
  const d = r.checks.deletion
  if (!d) return null
  const points = (ys: readonly number[]): { x: number; y: number }[] =>
    ys.map((y, i) => ({ x: d.x[i] ?? i / Math.max(1, ys.length - 1), y }))
  const title = `Deletion and insertion against random order — ${headline(r)}`
  const line = (label: string, ys: number[], colour: string, dashed: boolean): object => ({
    label,
    data: points(ys),
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dashed ? [6, 4] : [],
    borderWidth: 2,
    pointRadius: ys.length > 40 ? 0 : 2,
    fill: false
  })
  return {
    title,
    height: 420,
    description:
      'Deletion removes players most-important first (it should fall away from f(x) faster than a random order); insertion adds them back to the baseline in the same order (it should rise faster than random).',
    config: {
      type: 'line',
      data: {
        datasets: [
          line('deletion (by attribution)', d.deletion, POSITIVE_CSS, false),
          line(
            `deletion (random order, mean of ${d.randomOrders})`,
            d.deletionRandom,
            POSITIVE_CSS,
            true
          ),
          line('insertion (by attribution)', d.insertion, NEGATIVE_CSS, false),
          line(
            `insertion (random order, mean of ${d.randomOrders})`,
            d.insertionRandom,
            NEGATIVE_CSS,
            true
          )
        ]
      },
      options: {
        plugins: {
          ...titles(
            title,
            `deletion area (random − ordered) ${formatNumber(d.deletionArea)} · insertion area ${formatNumber(d.insertionArea)} · ${d.order} order`
          ),
          legend: { display: true, position: 'bottom', labels: { color: TEXT } }
        },
        scales: {
          x: {
            type: 'linear',
            min: 0,
            max: 1,
            grid: { color: GRID },
            title: { display: true, text: 'fraction of players removed / added', color: TEXT },
            ticks: {
              color: TEXT,
              callback: (v: number | string) => `${Math.round(Number(v) * 100)} %`
            }
          },
          y: {
            type: 'linear',
            grid: { color: GRID },
            title: { display: true, text: `forecast (${truncate(r.target, 24)})`, color: TEXT },
            ticks: { color: TEXT }
          }
        }
      },
      plugins: [whiteBackground()]
    } as unknown as ChartConfiguration<ChartType>
  }
}

export function methodName(r: Pick<ExplanationRecord, 'method'>): string {
  switch (r.method) {
    case 'exact':
      return 'exact Shapley values'
    case 'kernelshap':
      return 'KernelSHAP'
    case 'timeshap':
      return 'TimeSHAP'
    case 'lime':
      return 'LIME'
    case 'occlusion':
      return 'occlusion'
    case 'ig':
      return 'integrated gradients'
    default:
      throw new Error(`Unknown method ${String(r.method satisfies never)}`)
  }
}

/** Half-widths of the error bars, or null when there are none to draw (no or all-zero s.e.). */
function whiskers(stderr: readonly number[] | null): number[] | null {
  if (!stderr || !stderr.some((s) => s > 0)) return null
  return stderr.map((s) => s * ERROR_BAR_Z)
}

function zeroLine(ctx: { tick?: { value: number } }): string {
  return ctx.tick?.value === 0 ? '#888888' : GRID
}

/** At most `max` evenly spaced indices of 0..n−1, always including the last. */
function evenTicks(n: number, max: number): number[] {
  const step = Math.max(1, Math.ceil(n / max))
  const out: number[] = []
  for (let i = (n - 1) % step; i < n; i += step) out.push(i)
  return out
}

function valueRange(values: readonly number[], errors: readonly number[] | null): [number, number] {
  let lo = 0
  let hi = 0
  values.forEach((v, i) => {
    const e = errors?.[i] ?? 0
    lo = Math.min(lo, v - e)
    hi = Math.max(hi, v + e)
  })
  return [lo, hi]
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v))
}

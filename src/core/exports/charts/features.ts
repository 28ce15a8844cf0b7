import type { ChartConfiguration, ChartType, Plugin } from 'chart.js'
import type { ExplanationRecord } from '../../../shared/explanation'
import { signCss } from '../../../shared/diverging-colour'
import { ERROR_BAR_Z, featureBars, type Bars } from '../../../shared/explanation-views'
import { errorBars, whiteBackground } from '../chart-plugins'
import { truncate } from '../format'
import {
  clamp,
  headline,
  methodName,
  TEXT,
  titles,
  valueRange,
  whiskers,
  zeroLine,
  type Spec
} from './common'

/** Most features a bar chart lists before it keeps only the largest |φ|. */
const MAX_FEATURE_BARS = 30

/** One bar per feature, largest |φ| first. Feature and cell level (column sums). */
export function featuresSpec(r: ExplanationRecord): Spec | null {
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

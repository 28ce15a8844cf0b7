import type { ChartConfiguration, ChartType, LegendItem, Plugin } from 'chart.js'
import type { ExplanationRecord } from '../../../shared/explanation'
import { signCss } from '../../../shared/diverging-colour'
import {
  ERROR_BAR_Z,
  levelsAtTarget,
  shortTime,
  stepBars,
  targetSeries
} from '../../../shared/explanation-views'
import { errorBars, whiteBackground } from '../chart-plugins'
import { formatNumber, truncate } from '../format'
import {
  GRID,
  headline,
  methodName,
  TEXT,
  titles,
  valueRange,
  whiskers,
  zeroLine,
  type Spec
} from './common'

/**
 * Two panels on one x axis: the target's input series with the forecast and
 * the actual value at the target time above, one attribution bar per step
 * below (whiskers when the record has standard errors). Time and cell level.
 */
export function stepsSpec(r: ExplanationRecord): Spec | null {
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

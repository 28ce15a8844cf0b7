import type { ChartConfiguration, ChartType } from 'chart.js'
import type { ExplanationRecord } from '../../../shared/explanation'
import { NEGATIVE_CSS, POSITIVE_CSS } from '../../../shared/diverging-colour'
import { whiteBackground } from '../chart-plugins'
import { formatNumber, truncate } from '../format'
import { GRID, headline, TEXT, titles, type Spec } from './common'

/** Deletion and insertion curves against random order, when the record carries the deletion check. */
export function deletionSpec(r: ExplanationRecord): Spec | null {
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

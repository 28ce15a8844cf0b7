import type { ExplanationRecord } from '../../shared/explanation'
import type { ChartName, ChartOptions, RenderedChart, Spec } from './charts/common'
import { deletionSpec } from './charts/deletion'
import { draw } from './charts/draw'
import { featuresSpec } from './charts/features'
import { heatmapSpec } from './charts/heatmap'
import { stepsSpec } from './charts/steps'

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
 *
 * One file per chart family in ./charts; this module picks and renders them.
 */
export type { ChartName, ChartOptions, RenderedChart } from './charts/common'
export { methodName } from './charts/common'

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

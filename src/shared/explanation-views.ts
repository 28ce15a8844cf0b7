import type { ChartName, ExplanationRecord } from './explanation'

/**
 * Views of a record's attributions shaped for charts and tables, shared by the
 * app's Explain view and the exported PNG/HTML so both show the same numbers. A cell-level
 * record also has per-step and per-feature views: the sums of its rows and
 * columns, which are additive like the cells (Σ over a row of cell φ is that
 * step's share). Standard errors do not add that way, so those views carry none.
 */

/** Whisker half-length in standard errors, in the app and in exports. */
export const ERROR_BAR_Z = 1.96

export interface Bars {
  labels: string[]
  values: number[]
  /** One standard error per bar, or null when the method gave none. */
  stderr: number[] | null
  /** True when the bars are row/column sums of a cell-level record. */
  summed: boolean
}

export function flatNumbers(a: number[] | number[][]): number[] {
  return a.flatMap((v: number | number[]) => v)
}

/** The T × F grid of a cell-level record, or null at other levels. */
export function cellGrid(r: ExplanationRecord): number[][] | null {
  if (r.level !== 'cell') return null
  return r.attributions as number[][]
}

/** One value per window step, or null at feature level. */
export function stepBars(r: ExplanationRecord): Bars | null {
  const labels = [...r.window.time]
  if (r.level === 'time') {
    return {
      labels,
      values: [...(r.attributions as number[])],
      stderr: r.stderr ? [...(r.stderr as number[])] : null,
      summed: false
    }
  }
  if (r.level === 'cell') {
    const grid = r.attributions as number[][]
    return { labels, values: grid.map((row) => sum(row)), stderr: null, summed: true }
  }
  return null
}

/** One value per feature, or null at time level. */
export function featureBars(r: ExplanationRecord): Bars | null {
  const labels = [...r.features]
  if (r.level === 'feature') {
    return {
      labels,
      values: [...(r.attributions as number[])],
      stderr: r.stderr ? [...(r.stderr as number[])] : null,
      summed: false
    }
  }
  if (r.level === 'cell') {
    const grid = r.attributions as number[][]
    return {
      labels,
      values: labels.map((_, f) => sum(grid.map((row) => row[f] ?? 0))),
      stderr: null,
      summed: true
    }
  }
  return null
}

/** Every player with its value and standard error, in record order. */
export function playerValues(
  r: ExplanationRecord
): { player: string; value: number; stderr: number | null }[] {
  const values = flatNumbers(r.attributions)
  const errors = r.stderr ? flatNumbers(r.stderr) : null
  return values.map((value, i) => ({
    player: r.players[i] ?? `#${i + 1}`,
    value,
    stderr: errors?.[i] ?? null
  }))
}

/** Σφ over all players. */
export function attributionSum(r: ExplanationRecord): number {
  return sum(flatNumbers(r.attributions))
}

export function allStderr(r: ExplanationRecord): number[] | null {
  return r.stderr ? flatNumbers(r.stderr) : null
}

/** The target's column in the input window (the target comes first in model order). */
export function targetSeries(r: ExplanationRecord): number[] {
  const column = Math.max(0, r.features.indexOf(r.target))
  return r.window.values.map((row) => row[column] ?? Number.NaN)
}

/** ISO times shortened for axes: '2024-01-05T13:00:00.000Z' → '2024-01-05 13:00'. */
export function shortTime(label: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?Z?$/.exec(label)
  if (!m) return label
  const seconds = m[3] && !/^:00(\.0+)?$/.test(m[3]) ? m[3].slice(0, 3) : ''
  return `${m[1]} ${m[2]}${seconds}`
}

export function sum(values: readonly number[]): number {
  let s = 0
  for (const v of values) s += v
  return s
}

/**
 * The forecast and the actual value as levels of the target, for drawing next
 * to the input series. A 'change' record holds changes from the window's last
 * value, so that value is added back.
 */
export function levelsAtTarget(r: ExplanationRecord): { forecast: number; actual: number } {
  if (r.quantity !== 'change') return { forecast: r.prediction, actual: r.actual }
  const series = targetSeries(r)
  const last = series[series.length - 1] ?? 0
  return { forecast: last + r.prediction, actual: last + r.actual }
}

/**
 * The charts a record has, in report order: the one answer for the Explain
 * view's PNG buttons, the HTML report and the PNG export.
 */
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

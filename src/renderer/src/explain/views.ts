/**
 * Views of an explanation record shaped for the Explain charts and tables. A
 * cell-level record also has per-step and per-feature views (row and column
 * sums, additive like the cells); standard errors do not add up that way, so
 * those views carry none.
 */
import type { ExplanationRecord } from '@shared/explanation'
import {
  featureBars as sharedFeatureBars,
  flatNumbers,
  stepBars as sharedStepBars,
  type Bars
} from '@shared/explanation-views'

export type { Bars } from '@shared/explanation-views'

export { ERROR_BAR_Z } from '@shared/explanation-views'

export const flat = flatNumbers

/** All-zero errors (exact methods) draw no whiskers. */
function usefulErrors(bars: Bars | null): Bars | null {
  if (!bars || !bars.stderr || bars.stderr.some((e) => e > 0)) return bars
  return { ...bars, stderr: null }
}

/** One value per window step, or null at feature level. */
export function stepBars(r: ExplanationRecord): Bars | null {
  return usefulErrors(sharedStepBars(r))
}

/** One value per feature, or null at time level. */
export function featureBars(r: ExplanationRecord): Bars | null {
  return usefulErrors(sharedFeatureBars(r))
}

export interface HeatCell {
  /** Step index (x) and row index (y) on the heatmap. */
  x: number
  y: number
  /** Attribution. */
  v: number
  /** The input value under the cell (NaN when the cell stands for a whole step or feature). */
  input: number
  time: string
  feature: string
  /** True when the cell spans every step (feature level). */
  span: boolean
}

export interface Heatmap {
  /** x labels (window steps) and y labels (features, or one aggregate row). */
  times: string[]
  rows: string[]
  cells: HeatCell[]
  maxAbs: number
}

/**
 * The time × feature grid. At cell level it is the record's own grid; at time
 * level one row (all features together) and at feature level one column per
 * feature spanning all steps, so every level has the same picture.
 */
export function heatmap(
  r: ExplanationRecord,
  labels: { allFeatures: string; allSteps: string }
): Heatmap {
  const times = [...r.window.time]
  const cells: HeatCell[] = []
  let rows: string[]
  if (r.level === 'cell') {
    rows = [...r.features]
    const grid = r.attributions as number[][]
    grid.forEach((row, x) =>
      row.forEach((v, y) =>
        cells.push({
          x,
          y,
          v,
          input: r.window.values[x]?.[y] ?? Number.NaN,
          time: times[x] ?? '',
          feature: rows[y] ?? '',
          span: false
        })
      )
    )
  } else if (r.level === 'time') {
    rows = [labels.allFeatures]
    const target = Math.max(0, r.features.indexOf(r.target))
    ;(r.attributions as number[]).forEach((v, x) =>
      cells.push({
        x,
        y: 0,
        v,
        input: r.window.values[x]?.[target] ?? Number.NaN,
        time: times[x] ?? '',
        feature: labels.allFeatures,
        span: false
      })
    )
  } else {
    // Feature level: one row per feature, one cell spanning all steps.
    rows = [...r.features]
    ;(r.attributions as number[]).forEach((v, y) =>
      cells.push({
        x: (times.length - 1) / 2,
        y,
        v,
        input: Number.NaN,
        time: labels.allSteps,
        feature: rows[y] ?? '',
        span: true
      })
    )
  }
  let m = 0
  for (const c of cells) if (Number.isFinite(c.v) && Math.abs(c.v) > m) m = Math.abs(c.v)
  return { times, rows, cells, maxAbs: m }
}

export function featureSeries(r: ExplanationRecord, feature: string): number[] {
  const column = Math.max(0, r.features.indexOf(feature))
  return r.window.values.map((row) => row[column] ?? Number.NaN)
}

export interface PlayerRow {
  player: string
  time: string | null
  feature: string | null
  input: number | null
  value: number
  stderr: number | null
}

/** Every player with its value, input and standard error, largest |φ| first. */
export function topPlayers(r: ExplanationRecord, limit = Infinity): PlayerRow[] {
  const values = flat(r.attributions)
  const errors = r.stderr ? flat(r.stderr) : null
  const F = r.features.length
  const rows = values.map((value, i): PlayerRow => {
    let time: string | null = null
    let feature: string | null = null
    let input: number | null = null
    if (r.level === 'time') {
      time = r.window.time[i] ?? null
      input = r.window.values[i]?.[Math.max(0, r.features.indexOf(r.target))] ?? null
    } else if (r.level === 'feature') {
      feature = r.features[i] ?? null
    } else {
      const t = Math.floor(i / F)
      const f = i % F
      time = r.window.time[t] ?? null
      feature = r.features[f] ?? null
      input = r.window.values[t]?.[f] ?? null
    }
    return {
      player: r.players[i] ?? `#${i + 1}`,
      time,
      feature,
      input,
      value,
      stderr: errors?.[i] ?? null
    }
  })
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => Math.abs(b.row.value) - Math.abs(a.row.value) || a.i - b.i)
    .slice(0, limit)
    .map(({ row }) => row)
}

export { attributionSum } from '@shared/explanation-views'

/** How many players a job has: steps, features or cells. */
export function playerCount(
  level: 'time' | 'feature' | 'cell',
  steps: number,
  features: number
): number {
  if (level === 'time') return steps
  if (level === 'feature') return features
  return steps * features
}

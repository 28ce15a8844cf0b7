import type { ChartConfiguration, ChartType } from 'chart.js'
import type { ExplanationRecord } from '../../../shared/explanation'
import { ERROR_BAR_Z, shortTime } from '../../../shared/explanation-views'
import { truncate } from '../format'

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

/** What one chart family builds: the chart.js config and the text around it. */
export interface Spec {
  title: string
  description: string
  height: number
  config: ChartConfiguration<ChartType>
}

/** CSS width of every export chart. */
export const WIDTH = 800
export const TEXT = '#333333'
export const GRID = '#e6e6e6'

export function titles(
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

export function headline(r: ExplanationRecord): string {
  return `${truncate(r.target)} at ${shortTime(r.targetTime)}`
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
export function whiskers(stderr: readonly number[] | null): number[] | null {
  if (!stderr || !stderr.some((s) => s > 0)) return null
  return stderr.map((s) => s * ERROR_BAR_Z)
}

export function zeroLine(ctx: { tick?: { value: number } }): string {
  return ctx.tick?.value === 0 ? '#888888' : GRID
}

export function valueRange(
  values: readonly number[],
  errors: readonly number[] | null
): [number, number] {
  let lo = 0
  let hi = 0
  values.forEach((v, i) => {
    const e = errors?.[i] ?? 0
    lo = Math.min(lo, v - e)
    hi = Math.max(hi, v + e)
  })
  return [lo, hi]
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v))
}

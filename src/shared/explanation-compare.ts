/**
 * Agreement between two explanations of the same window: Spearman's ρ over
 * their players (signed and by magnitude) and the overlap of their top 5. A
 * cell-level record is summed to steps or features to meet a coarser one.
 * One comparison for the Explain view and the exports.
 */
import { compareValues, type AttributionComparison } from '../explain/compare'
import type { ExplanationRecord } from './explanation'
import { featureBars, flatNumbers as flat, stepBars } from './explanation-views'

export interface Comparison extends AttributionComparison {
  level: 'time' | 'feature' | 'cell'
  /** The shared labels and each side's values, in player order. */
  labels: string[]
  a: number[]
  b: number[]
}

export type CompareProblem = 'different-window' | 'different-levels'

function project(
  r: ExplanationRecord,
  level: 'time' | 'feature' | 'cell'
): { labels: string[]; values: number[] } | null {
  if (r.level === level) return { labels: [...r.players], values: flat(r.attributions) }
  const bars = level === 'time' ? stepBars(r) : level === 'feature' ? featureBars(r) : null
  return bars ? { labels: bars.labels, values: bars.values } : null
}

export function compareRecords(
  a: ExplanationRecord,
  b: ExplanationRecord
): Comparison | CompareProblem {
  if (a.runId !== b.runId || a.index !== b.index) return 'different-window'
  const level =
    a.level === b.level
      ? a.level
      : a.level === 'cell'
        ? b.level
        : b.level === 'cell'
          ? a.level
          : null
  if (level === null) return 'different-levels'
  const pa = project(a, level)
  const pb = project(b, level)
  if (!pa || !pb || pa.values.length !== pb.values.length) return 'different-levels'
  return {
    level,
    ...compareValues(pa.values, pb.values),
    labels: pa.labels,
    a: pa.values,
    b: pb.values
  }
}

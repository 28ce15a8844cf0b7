import { ExplainInputError } from './errors'
import { kendallTauB, spearman } from './rank-correlation'
import type { Attribution } from './types'

export interface AttributionComparison {
  readonly spearman: number
  readonly kendall: number
  /** Spearman ρ of |values|: agreement on what matters, whatever the sign. */
  readonly spearmanAbs: number
  /** Share of the top-k players (by |value|) the two have in common, k = min(5, M). */
  readonly topOverlap: number
}

function topK(values: readonly number[], k: number): Set<number> {
  return new Set(
    values
      .map((v, i) => [Math.abs(v), i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, k)
      .map(([, i]) => i)
  )
}

/** Agreement between two explanations of the same window over the same players. */
export function compareAttributions(a: Attribution, b: Attribution): AttributionComparison {
  const same =
    a.players.length === b.players.length &&
    a.players.every((p, i) => p.label === b.players[i]!.label)
  if (!same) {
    throw new ExplainInputError(
      'Explanations have different players; project them to one grouping first'
    )
  }
  const k = Math.min(5, a.values.length)
  const ta = topK(a.values, k)
  const tb = topK(b.values, k)
  let common = 0
  for (const i of ta) if (tb.has(i)) common++
  return {
    spearman: spearman(a.values, b.values),
    kendall: kendallTauB(a.values, b.values),
    spearmanAbs: spearman(
      a.values.map((v) => Math.abs(v)),
      b.values.map((v) => Math.abs(v))
    ),
    topOverlap: k > 0 ? common / k : Number.NaN
  }
}

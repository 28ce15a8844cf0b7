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
  return compareValues(a.values, b.values)
}

/**
 * Agreement between two attribution vectors over the same players, in the
 * same order: the one comparison behind compareAttributions and the app's
 * and exports' comparison of saved explanations (src/shared/explanation-compare.ts).
 */
export function compareValues(a: readonly number[], b: readonly number[]): AttributionComparison {
  if (a.length !== b.length) {
    throw new ExplainInputError(`Cannot compare ${a.length} attributions with ${b.length}`)
  }
  const k = Math.min(5, a.length)
  const ta = topK(a, k)
  const tb = topK(b, k)
  let common = 0
  for (const i of ta) if (tb.has(i)) common++
  return {
    spearman: spearman(a, b),
    kendall: kendallTauB(a, b),
    spearmanAbs: spearman(
      a.map((v) => Math.abs(v)),
      b.map((v) => Math.abs(v))
    ),
    topOverlap: k > 0 ? common / k : Number.NaN
  }
}

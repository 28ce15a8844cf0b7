/**
 * The trust checks of one explanation, in plain words: each is a verdict
 * (pass, fail, or not run) the trust panel shows next to the numbers.
 */
import type { ExplanationRecord } from '@shared/explanation'
import { attributionSum } from './views'

/** Σφ must match f(x) − f(baseline) to within this share of |f(x) − f(baseline)|. */
export const ADDITIVITY_TOLERANCE = 1e-3
/** Below this R² LIME's local linear model does not describe the model. */
export const LIME_R2_MIN = 0.5
/** Above this |ρ| with randomised weights the explanation ignores what the model learned. */
export const RANDOMISATION_MAX = 0.7

export type CheckId = 'additivity' | 'lime' | 'deletion' | 'randomisation'
export type Verdict = 'pass' | 'fail' | 'skipped'

export interface TrustCheck {
  id: CheckId
  verdict: Verdict
  /** The number the verdict is based on (null when the check did not run). */
  value: number | null
}

export interface TrustSummary {
  fx: number
  fBaseline: number
  sum: number
  gapAbsolute: number
  gapRelative: number
  checks: TrustCheck[]
  failed: CheckId[]
}

export function trustSummary(r: ExplanationRecord): TrustSummary {
  const checks: TrustCheck[] = []
  const relative = Math.abs(r.additivityGap.relative)
  checks.push({
    id: 'additivity',
    verdict: Number.isFinite(relative) && relative <= ADDITIVITY_TOLERANCE ? 'pass' : 'fail',
    value: r.additivityGap.relative
  })
  if (r.method === 'lime') {
    const r2 = r.fidelity.limeR2
    checks.push({
      id: 'lime',
      verdict: r2 === null ? 'skipped' : r2 >= LIME_R2_MIN ? 'pass' : 'fail',
      value: r2
    })
  }
  const deletion = r.checks.deletion
  checks.push({
    id: 'deletion',
    verdict: deletion === null ? 'skipped' : deletion.deletionArea > 0 ? 'pass' : 'fail',
    value: deletion?.deletionArea ?? null
  })
  const rho = r.checks.randomisationSpearman
  checks.push({
    id: 'randomisation',
    verdict:
      rho === null
        ? 'skipped'
        : Number.isFinite(rho) && Math.abs(rho) > RANDOMISATION_MAX
          ? 'fail'
          : 'pass',
    value: rho
  })
  return {
    fx: r.prediction,
    fBaseline: r.baselinePrediction,
    sum: attributionSum(r),
    gapAbsolute: r.additivityGap.absolute,
    gapRelative: r.additivityGap.relative,
    checks,
    failed: checks.filter((c) => c.verdict === 'fail').map((c) => c.id)
  }
}

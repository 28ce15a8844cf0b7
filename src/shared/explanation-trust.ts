/**
 * The trust checks of one explanation, decided once for the Explain view and
 * the exports (HTML report, JSON): each check has a verdict — pass, fail, not
 * run, or "holds by construction" (a check that cannot fail, so it is no
 * evidence) — and the number it rests on. The thresholds live here only.
 */
import type { ExplanationRecord } from './explanation'
import { attributionSum } from './explanation-views'

/** Σφ must match f(x) − f(baseline) to within this share of |f(x) − f(baseline)|. */
export const ADDITIVITY_TOLERANCE = 1e-3
/** Below this R² LIME's local linear model does not describe the model. */
export const LIME_R2_MIN = 0.5
/** Above this |ρ| with randomised weights the explanation ignores what the model learned. */
export const RANDOMISATION_MAX = 0.7
/** A sampled estimate agrees with the exact values when max |φ − φ_exact| ≤ this share of max |φ_exact|. */
export const EXACT_AGREEMENT_MAX = 0.1
/** The spread across seeds may exceed the reported standard errors by at most this factor. */
export const SEED_SPREAD_MAX = 2

export type CheckId = 'additivity' | 'exact' | 'seeds' | 'lime' | 'deletion' | 'randomisation'
/** 'construction': the property holds whatever the model does, so it is not evidence. */
export type Verdict = 'pass' | 'fail' | 'skipped' | 'construction'

export interface TrustCheck {
  id: CheckId
  verdict: Verdict
  /** The number the verdict rests on (null when the check did not run). */
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
  /** Checks that ran and passed (construction and skipped ones are not counted). */
  passed: CheckId[]
}

/** KernelSHAP and TimeSHAP hand the last player whatever remains: additivity is built in. */
export function additivityByConstruction(r: Pick<ExplanationRecord, 'method'>): boolean {
  return r.method === 'kernelshap' || r.method === 'timeshap'
}

/** Whether a method's values are sampled Shapley estimates (so agreement and spread apply). */
export function sampledShapley(r: Pick<ExplanationRecord, 'method' | 'fidelity'>): boolean {
  return (r.method === 'kernelshap' && r.fidelity.kernelMode !== 'exact') || r.method === 'timeshap'
}

function additivity(r: ExplanationRecord): TrustCheck {
  const relative = Math.abs(r.additivityGap.relative)
  if (additivityByConstruction(r)) {
    return { id: 'additivity', verdict: 'construction', value: r.additivityGap.relative }
  }
  return {
    id: 'additivity',
    verdict: Number.isFinite(relative) && relative <= ADDITIVITY_TOLERANCE ? 'pass' : 'fail',
    value: r.additivityGap.relative
  }
}

function exactAgreement(r: ExplanationRecord): TrustCheck {
  // KernelSHAP that enumerated every coalition gives the exact values themselves.
  if (!sampledShapley(r)) return { id: 'exact', verdict: 'construction', value: 0 }
  const a = r.checks.exactAgreement
  if (!a) return { id: 'exact', verdict: 'skipped', value: null }
  return {
    id: 'exact',
    verdict: a.relative <= EXACT_AGREEMENT_MAX ? 'pass' : 'fail',
    value: a.relative
  }
}

function seedSpread(r: ExplanationRecord): TrustCheck {
  const s = r.checks.seedSpread
  if (!s) return { id: 'seeds', verdict: 'skipped', value: null }
  return { id: 'seeds', verdict: s.ratio <= SEED_SPREAD_MAX ? 'pass' : 'fail', value: s.ratio }
}

export function trustSummary(r: ExplanationRecord): TrustSummary {
  const checks: TrustCheck[] = [additivity(r)]
  if (r.method === 'kernelshap' || r.method === 'timeshap') {
    checks.push(exactAgreement(r))
    if (sampledShapley(r)) checks.push(seedSpread(r))
  }
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
    failed: checks.filter((c) => c.verdict === 'fail').map((c) => c.id),
    passed: checks.filter((c) => c.verdict === 'pass').map((c) => c.id)
  }
}

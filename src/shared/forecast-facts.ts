import type { Evaluation } from './domain'

/** A baseline the model does worse than, at step H, on one part of the data. */
export interface BaselineLoss {
  part: 'validation' | 'test'
  baseline: 'naive' | 'seasonalNaive'
  modelRmse: number
  baselineRmse: number
}

/**
 * Where the model loses to a naive forecast (higher RMSE at step H), on the
 * validation part and on the test part: what Results says and acts on. Empty
 * when it beats every baseline it was compared with.
 */
export function baselineLosses(evaluation: Evaluation): BaselineLoss[] {
  const parts = [
    { part: 'validation' as const, m: evaluation.validation },
    { part: 'test' as const, m: evaluation }
  ]
  const out: BaselineLoss[] = []
  for (const { part, m } of parts) {
    if (!m) continue
    for (const baseline of ['naive', 'seasonalNaive'] as const) {
      const b = m[baseline]
      if (b && m.model.rmse > b.rmse) {
        out.push({ part, baseline, modelRmse: m.model.rmse, baselineRmse: b.rmse })
      }
    }
  }
  return out
}

/** "80 % interval: 77 % of test actuals inside" as numbers: nominal and observed, in percent. */
export function coveragePercents(
  evaluation: Evaluation
): { level: number; nominal: number; observed: number }[] {
  return (evaluation.intervals ?? []).map((i) => ({
    level: i.level,
    nominal: Math.round(i.level * 1000) / 10,
    observed: Math.round(i.coverage * 1000) / 10
  }))
}

/**
 * An interval's half-width at step H, the step of the headline predictions:
 * halfWidth holds one entry per output step (1..H for a multi-step run, H
 * alone otherwise), so step H's is the last. NaN when none was calibrated.
 */
export function halfWidthAtHorizon(interval: { readonly halfWidth: readonly number[] }): number {
  return interval.halfWidth[interval.halfWidth.length - 1] ?? Number.NaN
}

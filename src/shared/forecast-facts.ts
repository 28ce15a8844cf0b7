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

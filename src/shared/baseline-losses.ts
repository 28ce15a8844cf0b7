/**
 * Where a run's model loses to a naive forecast on test, by RMSE: at the
 * horizon (the headline metrics) and at each step of the path. One fact, read
 * by every face that warns about it, so they never disagree on what "loses"
 * means. A tie is not a loss.
 */
import type { Evaluation } from './domain'

export type BaselineName = 'naive' | 'seasonalNaive'

export interface BaselineLoss {
  baseline: BaselineName
  /** At step H: the baseline's RMSE and the model's, when the baseline is lower. */
  horizon: { baseline: number; model: number } | null
  /** Steps (1-based, ascending) at which the baseline's test RMSE is lower than the model's. */
  steps: number[]
}

const BASELINES: readonly BaselineName[] = ['naive', 'seasonalNaive']

function lower(baseline: number | undefined, model: number): boolean {
  return baseline !== undefined && Number.isFinite(baseline) && Number.isFinite(model)
    ? baseline < model
    : false
}

/** Each baseline that beats the model somewhere on test; empty when the model is never worse. */
export function baselineLosses(evaluation: Evaluation): BaselineLoss[] {
  const losses: BaselineLoss[] = []
  for (const name of BASELINES) {
    const top = evaluation[name]
    const model = evaluation.model.rmse
    const horizon = top && lower(top.rmse, model) ? { baseline: top.rmse, model } : null
    const steps = (evaluation.byStep ?? [])
      .filter((s) => lower(s[name]?.rmse, s.model.rmse))
      .map((s) => s.step)
      .sort((a, b) => a - b)
    if (horizon || steps.length > 0) losses.push({ baseline: name, horizon, steps })
  }
  return losses
}

/**
 * The steps of a multi-step run's path at which a naive forecast beats the
 * model on test, by RMSE (a tie is not a loss). The step-H comparison on
 * validation and test is `baselineLosses` (forecast-facts.ts); this is the
 * same fact along the path, so every face that warns agrees on "loses".
 */
import type { Evaluation } from './domain'

export interface StepLoss {
  baseline: 'naive' | 'seasonalNaive'
  /** Steps (1-based, ascending) at which the baseline's test RMSE is lower than the model's. */
  steps: number[]
}

const BASELINES = ['naive', 'seasonalNaive'] as const

function lower(baseline: number | undefined, model: number): boolean {
  return baseline !== undefined && Number.isFinite(baseline) && Number.isFinite(model)
    ? baseline < model
    : false
}

/** Each baseline that beats the model at some step on test; empty when it never does. */
export function stepLosses(evaluation: Evaluation): StepLoss[] {
  const losses: StepLoss[] = []
  for (const baseline of BASELINES) {
    const steps = (evaluation.byStep ?? [])
      .filter((s) => lower(s[baseline]?.rmse, s.model.rmse))
      .map((s) => s.step)
      .sort((a, b) => a - b)
    if (steps.length > 0) losses.push({ baseline, steps })
  }
  return losses
}

import type { ForecastInterval, IntervalEvaluation } from '../../../shared/domain'
import { UserFacingError } from '../../errors'
import type { PreparedData } from '../data/prepare'

/**
 * Which model output a job explains: `step` (1-based) of a multi-step model's
 * path, the horizon H when absent. A single-step model has one output, step
 * H; asking it for another step is an error that says which steps exist.
 */
export interface ExplainedStep {
  /** 1-based step ahead of the window's last row. */
  step: number
  /** The model output (0-based) for the explain functions; undefined: the only one. */
  index: number | undefined
  /** Its position among the run's outputs (0-based): where its interval half-widths are. */
  output: number
}

export function explainedStep(data: PreparedData, step: number | undefined): ExplainedStep {
  const steps = data.outputSteps
  const horizon = steps[steps.length - 1]!
  const wanted = step ?? horizon
  const k = steps.indexOf(wanted)
  if (k < 0) {
    const which =
      steps.length === 1
        ? `this single-step model predicts step ${horizon} only`
        : `this model predicts steps 1–${horizon}`
    throw new UserFacingError('bad-step', `Step ${wanted} cannot be explained: ${which}.`, {
      params: { step: wanted, horizon, steps: steps.length }
    })
  }
  return { step: wanted, index: steps.length > 1 ? k : undefined, output: k }
}

/** The table row of step `step`'s target for the window whose step-H target is `targetRow`. */
export function stepTargetRow(data: PreparedData, targetRow: number, step: number): number {
  const steps = data.outputSteps
  return targetRow - steps[steps.length - 1]! + step
}

/** A run's calibrated intervals around a prediction of output `k`; none for runs without. */
export function intervalsAround(
  intervals: readonly IntervalEvaluation[] | undefined,
  prediction: number,
  k: number
): { intervals?: ForecastInterval[] } {
  const out = (intervals ?? []).flatMap((iv) => {
    const w = iv.halfWidth[k]
    return w === undefined
      ? []
      : [{ level: iv.level, lower: prediction - w, upper: prediction + w }]
  })
  return out.length ? { intervals: out } : {}
}

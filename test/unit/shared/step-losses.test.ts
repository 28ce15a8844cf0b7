import { describe, expect, it } from 'vitest'
import { stepLosses } from '../../../src/shared/step-losses'
import type { Evaluation, Metrics, StepEvaluation } from '../../../src/shared/domain'

const m = (rmse: number): Metrics => ({ mse: rmse * rmse, rmse, mae: rmse * 0.8 })

function step(n: number, model: number, naive: number, seasonal: number | null): StepEvaluation {
  return {
    step: n,
    model: { ...m(model), mase: null },
    naive: m(naive),
    seasonalNaive: seasonal === null ? null : m(seasonal)
  }
}

function evaluation(byStep?: StepEvaluation[]): Evaluation {
  return {
    windows: 10,
    model: m(1),
    naive: m(2),
    seasonalNaive: null,
    ...(byStep ? { byStep } : {})
  }
}

describe('the steps at which a naive forecast beats the model', () => {
  it('says nothing when the model is better or ties at every step, or there are no steps', () => {
    expect(stepLosses(evaluation([step(1, 1, 1, null), step(2, 1, 2, 3)]))).toEqual([])
    expect(stepLosses(evaluation())).toEqual([])
  })

  it('lists each baseline’s winning steps in order, whatever the order of byStep', () => {
    const byStep = [step(3, 1.0, 1.1, 0.9), step(1, 0.5, 0.4, 0.6), step(2, 0.8, 0.7, null)]
    expect(stepLosses(evaluation(byStep))).toEqual([
      { baseline: 'naive', steps: [1, 2] },
      { baseline: 'seasonalNaive', steps: [3] }
    ])
  })

  it('ignores numbers that are not finite (a metric that could not be taken)', () => {
    expect(stepLosses(evaluation([step(1, 2, Number.NaN, null)]))).toEqual([])
    expect(stepLosses(evaluation([step(1, Number.NaN, 1, null)]))).toEqual([])
  })
})

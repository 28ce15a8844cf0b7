import { describe, expect, it } from 'vitest'
import { baselineLosses } from '../../../src/shared/baseline-losses'
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

function evaluation(
  model: number,
  naive: number,
  seasonal: number | null,
  byStep?: StepEvaluation[]
): Evaluation {
  return {
    windows: 10,
    model: m(model),
    naive: m(naive),
    seasonalNaive: seasonal === null ? null : m(seasonal),
    ...(byStep ? { byStep } : {})
  }
}

describe('where the model loses to a naive forecast', () => {
  it('says nothing when the model is better everywhere, or ties', () => {
    expect(baselineLosses(evaluation(1, 2, 3))).toEqual([])
    expect(baselineLosses(evaluation(2, 2, null, [step(1, 1, 1, null)]))).toEqual([])
  })

  it('names the baseline that wins at the horizon with both RMSEs', () => {
    expect(baselineLosses(evaluation(0.93, 0.17, null))).toEqual([
      { baseline: 'naive', horizon: { baseline: 0.17, model: 0.93 }, steps: [] }
    ])
  })

  it('lists the steps each baseline wins, even when the model wins at the horizon', () => {
    const byStep = [step(3, 1.0, 1.1, 0.9), step(1, 0.5, 0.4, 0.6), step(2, 0.8, 0.7, null)]
    expect(baselineLosses(evaluation(1.0, 1.1, 1.2, byStep))).toEqual([
      { baseline: 'naive', horizon: null, steps: [1, 2] },
      { baseline: 'seasonalNaive', horizon: null, steps: [3] }
    ])
  })

  it('ignores numbers that are not finite (a metric that could not be taken)', () => {
    expect(baselineLosses(evaluation(Number.NaN, 1, null, [step(1, 2, Number.NaN, null)]))).toEqual(
      []
    )
  })
})

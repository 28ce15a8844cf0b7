import * as tf from '@tensorflow/tfjs'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  backgroundBaseline,
  createRng,
  explain,
  integratedGradients,
  kernelShap,
  meanBaseline,
  shapleyExact,
  timeGrouping,
  timeShap
} from '../../../src/explain'
import type { Baseline, GradFn, PredictFn } from '../../../src/explain'
import { buildLstm, gradFnOf, predictFnOf, sunspotWindows, trainLstm } from './helpers/tiny-lstm'

// A real (tiny) recurrent model: LSTM(8) trained for a few epochs on yearly sunspots, window 8.
const T = 8
const shape = { steps: T, features: 1 }
let predict: PredictFn
let gradient: GradFn
let randomised: PredictFn[]
let data: ReturnType<typeof sunspotWindows>
let x: Float32Array
let background: Baseline

beforeAll(async () => {
  tf.env().set('PROD', true)
  const model = await trainLstm(T, 7, 8)
  predict = predictFnOf(model, T)
  gradient = gradFnOf(model, T)
  // Same architecture, independently re-initialised: Adebayo's "independent randomisation".
  randomised = [1234, 99].map((seed) => predictFnOf(buildLstm(T, seed), T))
  data = sunspotWindows(T)
  x = data.windows.slice(200 * T, 201 * T)
  background = backgroundBaseline(data.windows, data.count, shape, 4, createRng(3))
})

describe('explaining a trained LSTM', () => {
  it('KernelSHAP with sampling agrees with exact enumeration within its standard errors', async () => {
    const game = { x, baseline: background, grouping: timeGrouping(shape) }
    const exact = await shapleyExact(game, predict)
    expect(exact.additivityGap.relative).toBeLessThan(1e-4)
    for (const seed of [1, 2]) {
      const r = await kernelShap(game, predict, { nsamples: 80, seed, bootstrap: 100 })
      expect(r.extra.kernelMode).toBe('sampled')
      expect(r.additivityGap.relative).toBeLessThan(1e-4)
      r.values.forEach((v, i) =>
        expect(Math.abs(v - exact.values[i]!)).toBeLessThan(4 * r.stderr![i]! + 1e-5)
      )
    }
  })

  it('Integrated Gradients with tfjs gradients nearly closes the completeness gap', async () => {
    const game = {
      x,
      baseline: meanBaseline(data.windows, data.count, shape),
      grouping: timeGrouping(shape)
    }
    const r = await integratedGradients(game, predict, gradient, { steps: 32 })
    const delta = Math.abs(r.prediction - r.baselinePrediction)
    expect(Math.abs(r.extra.integratedGradients!.completenessGap)).toBeLessThan(1e-3 * delta + 1e-5)
  })

  it('TimeSHAP keeps additivity on the LSTM', async () => {
    const r = await timeShap({ x, baseline: background, grouping: timeGrouping(shape) }, predict, {
      bootstrap: 0
    })
    expect(r.additivityGap.relative).toBeLessThan(1e-4)
    expect(r.extra.timeshap!.pruneIndex).toBeGreaterThanOrEqual(0)
  })

  it('passes the model-randomisation sanity check', async () => {
    const request = {
      method: 'exact' as const,
      level: 'time' as const,
      window: x,
      shape,
      baseline: meanBaseline(data.windows, data.count, shape),
      checks: { randomisation: true }
    }
    for (const randomisedPredict of randomised) {
      const trained = await explain(request, predict, { randomisedPredict })
      expect(Math.abs(trained.checks!.randomisation!.spearman)).toBeLessThan(0.5)
    }
    const same = await explain(request, predict, { randomisedPredict: predict })
    expect(same.checks!.randomisation!.spearman).toBe(1)
  })
})

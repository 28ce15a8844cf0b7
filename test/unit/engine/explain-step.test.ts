import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stepMap } from '../../../src/core/engine/data/output-map'
import {
  explainRun,
  loadRunForExplain,
  type LoadedRun
} from '../../../src/core/engine/explain/explain-run'
import { forecastLatest } from '../../../src/core/engine/forecast'
import { explanationReportHtml } from '../../../src/core/exports/explanation-report'
import { runTraining } from '../../../src/core/engine/run-training'
import { readRunDetail } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { Predictions } from '../../../src/shared/domain'
import { ExplainJobSchema } from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

const T = 4
const F = 2
const H = 3

let cleanup: () => Promise<void>
let loaded: LoadedRun
let predictions: Predictions

beforeAll(async () => {
  const made = await tempDir()
  cleanup = made.cleanup
  const runDir = join(made.dir, 'run')
  await runTraining(
    {
      runId: 'run',
      runDir,
      dataset: {
        name: 'seattle_weather_daily.csv',
        path: datasetPath('seattle_weather_daily.csv')
      },
      data: DataConfigSchema.parse({
        target: 'temp_max',
        features: ['temp_min'],
        window: T,
        horizon: H,
        multiStep: true,
        targetMode: 'change'
      }),
      model: ModelConfigSchema.parse({
        layers: 1,
        units: 4,
        epochs: 2,
        dropout: 0,
        learningRate: 0.01
      })
    },
    { backend: await testBackend() }
  )
  loaded = await loadRunForExplain(runDir)
  predictions = (await readRunDetail(runDir)).predictions!
}, 120_000)
afterAll(async () => {
  loaded.model.dispose()
  await cleanup()
})

/**
 * Exact Shapley values over the T time steps by enumerating all 2^T
 * coalitions, on step h's forecast computed straight from model.predict
 * (absent steps take the zeros baseline): independent of the explain library.
 */
function bruteForceShapley(window: Float32Array, step: number): { phi: number[]; f: number[] } {
  const { data, model } = loaded
  const map = stepMap(data.output, step - 1)
  const coalitions = 1 << T
  const batch = new Float32Array(coalitions * T * F)
  for (let mask = 0; mask < coalitions; mask++) {
    for (let t = 0; t < T; t++) {
      if (!(mask & (1 << t))) continue
      for (let f = 0; f < F; f++) batch[(mask * T + t) * F + f] = window[t * F + f]!
    }
  }
  // A change model's network sees the target relative to the window's last value.
  expect(loaded.run.relativeTarget).toBe(true)
  const input = batch.map((v, i) => {
    const mask = Math.floor(i / (T * F))
    return i % F === 0 ? v - batch[(mask * T + T - 1) * F]! : v
  })
  const out = tf.tidy(() =>
    (model.predict(tf.tensor3d(input, [coalitions, T, F])) as tf.Tensor).arraySync()
  ) as number[][]
  const f = out.map((row, mask) => {
    const last = batch[(mask * T + T - 1) * F]!
    return (row[step - 1]! + map.lastValueWeight * last) * map.scale + map.offset
  })
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1))
  const phi = Array.from({ length: T }, (_, t) => {
    let sum = 0
    for (let mask = 0; mask < coalitions; mask++) {
      if (mask & (1 << t)) continue
      let size = 0
      for (let b = 0; b < T; b++) if (mask & (1 << b)) size += 1
      const weight = (factorial(size) * factorial(T - size - 1)) / factorial(T)
      sum += weight * (f[mask | (1 << t)]! - f[mask]!)
    }
    return sum
  })
  return { phi, f }
}

describe('explaining one step of a multi-step model', () => {
  const index = 3
  const window = (): Float32Array => loaded.data.test.x.slice(index * T * F, (index + 1) * T * F)

  it('adds up to f_h(x) − f_h(baseline) for a step h ≠ H, matching brute-force Shapley values', async () => {
    for (const step of [1, 2]) {
      const record = await explainRun(
        loaded,
        ExplainJobSchema.parse({
          method: 'exact',
          level: 'time',
          index,
          baseline: 'zeros',
          quantity: 'forecast',
          step
        })
      )
      const { phi, f } = bruteForceShapley(window(), step)
      const values = record.attributions as number[]
      values.forEach((v, t) => expect(v).toBeCloseTo(phi[t]!, 3))
      expect(record.step).toBe(step)
      expect(record.prediction).toBeCloseTo(f[(1 << T) - 1]!, 3)
      expect(record.baselinePrediction).toBeCloseTo(f[0]!, 3)
      const sum = values.reduce((a, b) => a + b, 0)
      expect(sum).toBeCloseTo(record.prediction - record.baselinePrediction, 4)
      expect(Math.abs(record.additivityGap.absolute)).toBeLessThan(1e-4)
      // The same forecast the evaluation saved for this window's path, at this step.
      expect(record.prediction).toBeCloseTo(predictions.path![index]![step - 1]!, 3)
      expect(record.targetTime).toBe(predictions.pathTime![index]![step - 1])
      expect(record.actual).toBe(predictions.pathActual![index]![step - 1])
      // The run's intervals for this step, around this prediction.
      const { intervals } = loaded.run.evaluation!
      expect(record.intervals).toEqual(
        intervals!.map((iv) => ({
          level: iv.level,
          lower: expect.closeTo(record.prediction - iv.halfWidth[step - 1]!, 9),
          upper: expect.closeTo(record.prediction + iv.halfWidth[step - 1]!, 9)
        }))
      )
      const html = await explanationReportHtml([record], { generatedAt: new Date(0) })
      expect(html).toContain(`(step ${step})`)
      expect(html).toMatch(/Prediction interval<\/dt>\s*<dd>80 %: \[/)
    }
  })

  it('explains step H when no step is given, and refuses a step the model does not predict', async () => {
    const job = { method: 'exact', level: 'feature', index, baseline: 'zeros' } as const
    const record = await explainRun(loaded, ExplainJobSchema.parse(job))
    expect(record.step).toBe(H)
    // A change model explains the predicted change by default: the forecast minus the last value.
    const last = loaded.data.target[loaded.data.test.targetRows[index]! - H]!
    expect(record.prediction).toBeCloseTo(predictions.path![index]![H - 1]! - last, 3)
    await expect(
      explainRun(loaded, ExplainJobSchema.parse({ ...job, step: H + 1 }))
    ).rejects.toMatchObject({ code: 'bad-step' })
  })

  it('gives the same step on the fused kernels as on stock tfjs', async () => {
    const fused = await loadRunForExplain(loaded.run.dir, 'fused')
    try {
      const job = ExplainJobSchema.parse({
        method: 'exact',
        level: 'feature',
        index,
        baseline: 'zeros',
        quantity: 'forecast',
        step: 1
      })
      const a = await explainRun(loaded, job)
      const b = await explainRun(fused, job, { kernels: 'fused' })
      expect(b.kernels).toBe('fused')
      expect(b.prediction).toBeCloseTo(a.prediction, 3)
      expect(b.attributions).toEqual((a.attributions as number[]).map((v) => expect.closeTo(v, 3)))
    } finally {
      fused.model.dispose()
    }
  })

  it('forecasts the whole path past the end, each step with its intervals', async () => {
    const f = await forecastLatest(loaded)
    expect(f.path!.map((p) => p.step)).toEqual([1, 2, 3])
    expect(f.value).toBe(f.path![2]!.value)
    const { intervals } = (await readRunDetail(loaded.run.dir)).summary.evaluation!
    expect(intervals!.map((i) => i.level)).toEqual([0.8, 0.95])
    f.path!.forEach((p, k) => {
      expect(p.intervals.map((i) => i.level)).toEqual([0.8, 0.95])
      p.intervals.forEach((iv, j) => {
        expect(iv.upper - p.value).toBeCloseTo(intervals![j]!.halfWidth[k]!, 9)
        expect(p.value - iv.lower).toBeCloseTo(intervals![j]!.halfWidth[k]!, 9)
      })
    })
  })
})

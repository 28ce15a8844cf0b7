import { counterfactual, type AbortLike, type ProgressFn } from '../../../explain'
import type { CounterfactualJob, CounterfactualResult } from '../../../shared/whatif'
import { scaleValue } from '../data/scaler'
import type { LoadedRun } from './explain-run'
import { checkStep, featureIndex, originalWindow, runModel, trainingRanges } from './whatif-window'

/** Reached means within this share of the target's training range (the issue asks ≤ 1 %). */
const TOLERANCE_SHARE = 0.005

/**
 * The smallest change to a test window (normalised L1, within each feature's
 * training range, locks respected) that moves its forecast to `job.target`.
 * The search runs in the model's units; cells and forecasts come back in
 * original units, the forecast recomputed from the window returned.
 */
export async function counterfactualRun(
  loaded: LoadedRun,
  job: CounterfactualJob,
  options: { signal?: AbortLike; onProgress?: ProgressFn } = {}
): Promise<CounterfactualResult> {
  const started = performance.now()
  const { data } = loaded
  const { values } = originalWindow(loaded, job.index)
  const lockedFeatures = job.lockedFeatures.map((name) => featureIndex(loaded, name))
  job.lockedSteps.forEach((s) => checkStep(loaded, s))
  const model = runModel(loaded)
  const ranges = trainingRanges(loaded)
  const bounds = ranges.map(([min, max], f) => {
    const a = scaleValue(data.scaler, f, min)
    const b = scaleValue(data.scaler, f, max)
    return [Math.min(a, b), Math.max(a, b)] as [number, number]
  })
  const [targetMin, targetMax] = ranges[0]!
  const tolerance = TOLERANCE_SHARE * (targetMax - targetMin || 1)
  const found = await counterfactual(
    model.scale([values]),
    { steps: data.steps, features: data.features },
    model.predict,
    model.gradient,
    {
      bounds,
      lockedFeatures,
      lockedSteps: job.lockedSteps,
      ...(job.lastSteps === undefined ? {} : { lastSteps: Math.min(job.lastSteps, data.steps) }),
      target: model.fromForecast(job.target),
      tolerance: tolerance / data.output.scale,
      maxIterations: job.maxIterations,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {})
    }
  )
  const window = values.map((row) => [...row])
  const moved = found.changed
    .map((c) => ({ ...c, to: snapToBound(model.unscale(c.feature, c.to), ranges[c.feature]!) }))
    .filter((c) => c.to !== values[c.step]![c.feature])
  moved.forEach((c) => (window[c.step]![c.feature] = c.to))
  const [original, prediction] = await model.forecast([values, window])
  return {
    index: job.index,
    columns: [...data.columns],
    target: job.target,
    reached: Math.abs(prediction! - job.target) <= tolerance,
    tolerance,
    prediction: prediction!,
    originalPrediction: original!,
    window,
    changed: moved.map((c) => ({
      step: c.step,
      feature: data.columns[c.feature]!,
      from: values[c.step]![c.feature]!,
      to: c.to
    })),
    distance: moved.reduce((d, c) => {
      const [min, max] = ranges[c.feature]!
      return d + Math.abs(c.to - values[c.step]![c.feature]!) / (max - min || 1)
    }, 0),
    iterations: found.iterations,
    modelCalls: found.modelCalls + 1,
    seconds: (performance.now() - started) / 1000
  }
}

/** A value the search pushed to a bound comes back from Float32 a hair off it; report the bound. */
function snapToBound(value: number, [min, max]: [number, number]): number {
  const close = 1e-6 * (max - min || 1)
  if (Math.abs(value - min) <= close) return min
  if (Math.abs(value - max) <= close) return max
  return value
}

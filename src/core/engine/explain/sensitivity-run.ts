import type { SensitivityJob, SensitivityResult } from '../../../shared/whatif'
import type { LoadedRun } from './explain-run'
import { checkStep, featureIndex, originalWindow, runModel, trainingRanges } from './whatif-window'

/**
 * The forecast as one cell of a test window sweeps its feature's observed
 * training range (evenly spaced points, one model call), with the current
 * value and its forecast for reference.
 */
export async function sensitivityRun(
  loaded: LoadedRun,
  job: SensitivityJob
): Promise<SensitivityResult> {
  checkStep(loaded, job.step)
  const f = featureIndex(loaded, job.feature)
  const { values: window } = originalWindow(loaded, job.index)
  const [min, max] = trainingRanges(loaded)[f]!
  const values = Array.from(
    { length: job.points },
    (_, i) => min + ((max - min) * i) / (job.points - 1)
  )
  const at = (v: number): number[][] =>
    window.map((row, t) => (t === job.step ? row.map((x, j) => (j === f ? v : x)) : row))
  const current = window[job.step]![f]!
  const predictions = await runModel(loaded).forecast([...values.map(at), window])
  return {
    index: job.index,
    step: job.step,
    feature: job.feature,
    range: [min, max],
    values,
    predictions: predictions.slice(0, -1),
    current: { value: current, prediction: predictions.at(-1)! }
  }
}

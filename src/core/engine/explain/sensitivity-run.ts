import type { SensitivityJob, SensitivityResult } from '../../../shared/whatif'
import type { LoadedRun } from './explain-run'
import { applyEdits } from './whatif-run'
import { checkStep, featureIndex, originalWindow, runModel, trainingRanges } from './whatif-window'

/**
 * The forecast as one cell of a test window sweeps its feature's observed
 * training range (evenly spaced points, one model call), the other cells as
 * the job's edits leave them, with the cell's current (edited) value and its
 * forecast for reference.
 */
export async function sensitivityRun(
  loaded: LoadedRun,
  job: SensitivityJob
): Promise<SensitivityResult> {
  checkStep(loaded, job.step)
  const f = featureIndex(loaded, job.feature)
  const { values: original } = originalWindow(loaded, job.index)
  const window = applyEdits(loaded, original, job.edits)
  const [min, max] = trainingRanges(loaded)[f]!
  const values = Array.from(
    { length: job.points },
    (_, i) => min + ((max - min) * i) / (job.points - 1)
  )
  const at = (v: number): number[][] =>
    window.map((row, t) => (t === job.step ? row.map((x, j) => (j === f ? v : x)) : row))
  const current = window[job.step]![f]!
  const predictions = await runModel(loaded).forecast([...values.map(at), window])
  const editedCells = window.reduce(
    (n, row, t) => n + row.filter((v, j) => !Object.is(v, original[t]![j])).length,
    0
  )
  return {
    index: job.index,
    step: job.step,
    feature: job.feature,
    range: [min, max],
    values,
    predictions: predictions.slice(0, -1),
    current: { value: current, prediction: predictions.at(-1)! },
    editedCells
  }
}

/**
 * The test forecast the Explain view shows for window `index` at a step of
 * the path: the step's own time, forecast and actual from the run's saved
 * path; the horizon's (the predictions' own columns) when no step is chosen
 * or the run has no path.
 */
import type { Predictions } from '../../../shared/domain'

export interface PickedForecast {
  targetTime: string
  forecast: number | null
  actual: number | null
}

export function pickedForecast(
  predictions: Predictions | null,
  index: number,
  step: number | ''
): PickedForecast {
  const k = step === '' ? -1 : step - 1
  const path = predictions?.path?.[index]
  if (predictions && path && k >= 0 && k < path.length) {
    return {
      targetTime: predictions.pathTime?.[index]?.[k] ?? '',
      forecast: path[k] ?? null,
      actual: predictions.pathActual?.[index]?.[k] ?? null
    }
  }
  return {
    targetTime: predictions?.time[index] ?? '',
    forecast: predictions?.predicted[index] ?? null,
    actual: predictions?.actual[index] ?? null
  }
}

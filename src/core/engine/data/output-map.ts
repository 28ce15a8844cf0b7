import type { Scaling, TargetMode } from '../../../shared/data-config'
import { UserFacingError } from '../../errors'
import type { ScalerParams } from './scaler'

/**
 * How the model's output becomes a forecast in original units. The model
 * learns a scaled label: the target's level, or (mode 'change') its change
 * from the window's last value. Explanations explain the whole forecast, so
 * they use g(x) = output(x) + lastValueWeight · x_last (x_last scaled), and
 * forecast = g · scale + offset — one affine map for every mode, which keeps
 * Σφ = f(x) − f(baseline) in original units.
 */
export interface OutputMap {
  readonly mode: TargetMode
  /** label = output · scale + shift. */
  readonly scale: number
  readonly shift: number
  /** Weight of the window's last scaled target value in g (0 for 'level'). */
  readonly lastValueWeight: number
  /** forecast = g · scale + offset. */
  readonly offset: number
}

/** Fit the label scaling on training windows only, like the inputs. */
export function fitOutputMap(
  mode: TargetMode,
  kind: Scaling,
  scaler: ScalerParams,
  trainingLabels: readonly number[]
): OutputMap {
  const target = scaler.columns[0]!
  if (mode === 'level') {
    return {
      mode,
      scale: target.scale,
      shift: target.shift,
      lastValueWeight: 0,
      offset: target.shift
    }
  }
  let shift = 0
  let scale = 1
  if (trainingLabels.length > 0) {
    if (kind === 'minmax') {
      const min = Math.min(...trainingLabels)
      const max = Math.max(...trainingLabels)
      shift = min
      scale = max > min ? max - min : 1
    } else {
      const mean = trainingLabels.reduce((a, b) => a + b, 0) / trainingLabels.length
      const variance =
        trainingLabels.reduce((a, b) => a + (b - mean) ** 2, 0) / trainingLabels.length
      shift = mean
      scale = variance > 0 ? Math.sqrt(variance) : 1
    }
  }
  return {
    mode,
    scale,
    shift,
    lastValueWeight: target.scale / scale,
    offset: shift + target.shift
  }
}

/** The scaled label the model is trained on, for an observed target and the window's last value. */
export function labelOf(map: OutputMap, actual: number, lastValue: number): number {
  const raw = map.mode === 'change' ? actual - lastValue : actual
  return (raw - map.shift) / map.scale
}

/** g(x) from the model's output and the window's last scaled target value. */
export function explainedOutput(map: OutputMap, output: number, lastScaled: number): number {
  return output + map.lastValueWeight * lastScaled
}

/** A value of g in original units: the forecast. */
export function toForecast(map: OutputMap, g: number): number {
  return g * map.scale + map.offset
}

/**
 * The explained function for a quantity: its last-value weight and how its
 * values map to original units. 'change' needs a model trained on changes.
 */
export function explainedMap(
  map: OutputMap,
  quantity: 'forecast' | 'change'
): { lastValueWeight: number; toUnits: (g: number) => number } {
  if (quantity === 'forecast') {
    return { lastValueWeight: map.lastValueWeight, toUnits: (g) => toForecast(map, g) }
  }
  if (map.mode !== 'change') {
    throw new UserFacingError(
      'not-a-change-model',
      "Only a model trained on changes (target mode 'change') predicts a change to explain; explain the forecast instead."
    )
  }
  return { lastValueWeight: 0, toUnits: (g) => g * map.scale + map.shift }
}

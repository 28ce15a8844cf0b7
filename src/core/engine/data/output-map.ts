import type { ResolvedTargetMode, Scaling } from '../../../shared/data-config'
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
export interface StepMap {
  /** label = output · scale + shift. */
  readonly scale: number
  readonly shift: number
  /** Weight of the window's last scaled target value in g (0 for 'level'). */
  readonly lastValueWeight: number
  /** forecast = g · scale + offset. */
  readonly offset: number
}

/**
 * The map of the model's last output (step H), and for a multi-step model one
 * per output (step 1..H): a change over k steps has its own spread, so each
 * step's labels are scaled on their own. Single-step maps have no `steps`, so
 * they stay what run.json has always stored.
 */
export interface OutputMap extends StepMap {
  readonly mode: ResolvedTargetMode
  readonly steps?: readonly StepMap[]
}

/** The map of output `index` (0-based; absent: the last output, step H). */
export function stepMap(map: OutputMap, index?: number): StepMap {
  if (index === undefined || !map.steps) return map
  const step = map.steps[index]
  if (!step) throw new Error(`output ${index} does not exist (${map.steps.length} outputs)`)
  return step
}

/**
 * Fit the label scaling on training windows only, like the inputs.
 * `trainingLabels[k]` holds the raw changes over output k's step ('change').
 */
export function fitOutputMap(
  mode: ResolvedTargetMode,
  kind: Scaling,
  scaler: ScalerParams,
  trainingLabels: readonly (readonly number[])[],
  outputs = 1
): OutputMap {
  const target = scaler.columns[0]!
  const maps: StepMap[] = []
  for (let k = 0; k < outputs; k++) {
    maps.push(
      mode === 'level'
        ? { scale: target.scale, shift: target.shift, lastValueWeight: 0, offset: target.shift }
        : changeMap(kind, target.scale, target.shift, trainingLabels[k] ?? [])
    )
  }
  const last = maps[outputs - 1]!
  return { mode, ...last, ...(outputs > 1 ? { steps: maps } : {}) }
}

function changeMap(
  kind: Scaling,
  targetScale: number,
  targetShift: number,
  trainingLabels: readonly number[]
): StepMap {
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
    scale,
    shift,
    lastValueWeight: targetScale / scale,
    offset: shift + targetShift
  }
}

/** The scaled label the model is trained on, for an observed target and the window's last value. */
export function labelOf(map: OutputMap, actual: number, lastValue: number, index?: number): number {
  const m = stepMap(map, index)
  const raw = map.mode === 'change' ? actual - lastValue : actual
  return (raw - m.shift) / m.scale
}

/** g(x) from the model's output and the window's last scaled target value. */
export function explainedOutput(map: StepMap, output: number, lastScaled: number): number {
  return output + map.lastValueWeight * lastScaled
}

/** A value of g in original units: the forecast. */
export function toForecast(map: StepMap, g: number): number {
  return g * map.scale + map.offset
}

/**
 * The explained function for a quantity: its last-value weight and how its
 * values map to original units. 'change' needs a model trained on changes.
 */
export function explainedMap(
  map: OutputMap,
  quantity: 'forecast' | 'change',
  index?: number
): { lastValueWeight: number; scale: number; toUnits: (g: number) => number } {
  const m = stepMap(map, index)
  if (quantity === 'forecast') {
    return { lastValueWeight: m.lastValueWeight, scale: m.scale, toUnits: (g) => toForecast(m, g) }
  }
  if (map.mode !== 'change') {
    throw new UserFacingError(
      'not-a-change-model',
      "Only a model trained on changes (target mode 'change') predicts a change to explain; explain the forecast instead."
    )
  }
  return { lastValueWeight: 0, scale: m.scale, toUnits: (g) => g * m.scale + m.shift }
}

import { additivityGap } from './additivity'
import type { Game } from './coalition-game'
import type { Attribution, AttributionExtra, MethodName, WindowShape } from './types'

export interface AttributionParts {
  readonly method: MethodName
  readonly game: Game
  readonly values: ArrayLike<number>
  readonly prediction: number
  readonly baselinePrediction: number
  readonly modelCalls: number
  readonly seed: number
  readonly extra: AttributionExtra
  readonly stderr?: ArrayLike<number>
  /** Cell-level values when the method has them at any level (IG). */
  readonly cellValues?: ArrayLike<number>
  /** Date.now() when the method started. */
  readonly startedAt?: number
}

/** T × F rows of a flat cell array. */
export function toCellLayout(shape: WindowShape, flat: ArrayLike<number>): number[][] {
  const rows: number[][] = []
  for (let t = 0; t < shape.steps; t++) {
    const row: number[] = []
    for (let f = 0; f < shape.features; f++) row.push(flat[t * shape.features + f]!)
    rows.push(row)
  }
  return rows
}

/** Assembles the one result type, with plain arrays so it serialises to JSON as is. */
export function buildAttribution(parts: AttributionParts): Attribution {
  const { grouping, baseline } = parts.game
  const { shape, level } = grouping
  const values = Array.from(parts.values)
  const result: Attribution = {
    method: parts.method,
    level,
    shape: { steps: shape.steps, features: shape.features },
    players: grouping.players.map((p) => ({
      label: p.label,
      steps: [...p.steps],
      features: [...p.features]
    })),
    values,
    prediction: parts.prediction,
    baselinePrediction: parts.baselinePrediction,
    additivityGap: additivityGap(values, parts.prediction, parts.baselinePrediction),
    modelCalls: parts.modelCalls,
    seed: parts.seed,
    baseline: { kind: baseline.kind, count: baseline.count },
    extra: parts.extra
  }
  if (parts.stderr !== undefined) result.stderr = Array.from(parts.stderr)
  if (parts.cellValues !== undefined) {
    result.cells = toCellLayout(shape, parts.cellValues)
  } else if (level === 'cell' && grouping.cells.length === shape.steps * shape.features) {
    const flat = new Float64Array(shape.steps * shape.features)
    grouping.cells.forEach((cells, p) => (flat[cells[0]!] = values[p]!))
    result.cells = toCellLayout(shape, flat)
  }
  if (parts.startedAt !== undefined) result.seconds = (Date.now() - parts.startedAt) / 1000
  return result
}

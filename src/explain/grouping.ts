import { ExplainInputError } from './errors'
import type { Level, Player, WindowShape } from './types'

/**
 * The players of a game and the cells each one owns. Masking a player out
 * replaces its cells by the baseline's cells.
 */
export interface Grouping {
  readonly level: Level
  readonly shape: WindowShape
  readonly players: readonly Player[]
  /** Flat cell indices (t·F + f) of each player. */
  readonly cells: readonly Int32Array[]
}

function range(from: number, to: number): number[] {
  const out: number[] = []
  for (let i = from; i < to; i++) out.push(i)
  return out
}

function cellsOf(player: Player, shape: WindowShape): Int32Array {
  const out = new Int32Array(player.steps.length * player.features.length)
  let k = 0
  for (const t of player.steps) {
    for (const f of player.features) out[k++] = t * shape.features + f
  }
  return out
}

/** Builds a grouping from rectangles; checks they are disjoint and inside the window. */
export function groupingFromPlayers(
  level: Level,
  shape: WindowShape,
  players: readonly Player[]
): Grouping {
  checkShape(shape)
  if (players.length === 0) throw new ExplainInputError('A grouping needs at least one player')
  const owner = new Int32Array(shape.steps * shape.features).fill(-1)
  const cells = players.map((player, p) => {
    const inside =
      player.steps.every((t) => Number.isInteger(t) && t >= 0 && t < shape.steps) &&
      player.features.every((f) => Number.isInteger(f) && f >= 0 && f < shape.features)
    if (!inside) throw new ExplainInputError(`Player "${player.label}" reaches outside the window`)
    const own = cellsOf(player, shape)
    if (own.length === 0) throw new ExplainInputError(`Player "${player.label}" has no cells`)
    for (const c of own) {
      if (owner[c] !== -1) throw new ExplainInputError(`Players overlap at cell ${c}`)
      owner[c] = p
    }
    return own
  })
  return { level, shape, players, cells }
}

export function checkShape(shape: WindowShape): void {
  const ok = (n: number): boolean => Number.isInteger(n) && n >= 1
  if (!ok(shape.steps) || !ok(shape.features)) {
    throw new ExplainInputError(
      `Window shape must be positive integers, got ${shape.steps}×${shape.features}`
    )
  }
}

/** Step labels count back from the forecast: the last step is t−1. */
export function stepLabel(t: number, shape: WindowShape): string {
  return `t-${shape.steps - t}`
}

export function featureLabel(f: number, featureNames?: readonly string[]): string {
  return featureNames?.[f] ?? `f${f}`
}

/** One player per time step (all features of that step). */
export function timeGrouping(shape: WindowShape): Grouping {
  const all = range(0, shape.features)
  return groupingFromPlayers(
    'time',
    shape,
    range(0, shape.steps).map((t) => ({ label: stepLabel(t, shape), steps: [t], features: all }))
  )
}

/** One player per feature (that feature at every step). */
export function featureGrouping(shape: WindowShape, featureNames?: readonly string[]): Grouping {
  const all = range(0, shape.steps)
  return groupingFromPlayers(
    'feature',
    shape,
    range(0, shape.features).map((f) => ({
      label: featureLabel(f, featureNames),
      steps: all,
      features: [f]
    }))
  )
}

/** One player per cell, ordered time-major like the window itself. */
export function cellGrouping(shape: WindowShape, featureNames?: readonly string[]): Grouping {
  const players: Player[] = []
  for (let t = 0; t < shape.steps; t++) {
    for (let f = 0; f < shape.features; f++) {
      players.push({
        label: `${featureLabel(f, featureNames)}@${stepLabel(t, shape)}`,
        steps: [t],
        features: [f]
      })
    }
  }
  return groupingFromPlayers('cell', shape, players)
}

/**
 * Contiguous blocks of time steps. Blocks are cut from the most recent step
 * backwards, so the oldest block is the short one when T is not a multiple.
 */
export function segmentGrouping(shape: WindowShape, segmentLength: number): Grouping {
  if (!Number.isInteger(segmentLength) || segmentLength < 1) {
    throw new ExplainInputError(`segmentLength must be a positive integer, got ${segmentLength}`)
  }
  const all = range(0, shape.features)
  const players: Player[] = []
  for (let end = shape.steps; end > 0; end -= segmentLength) {
    const start = Math.max(0, end - segmentLength)
    players.unshift({
      label: `${stepLabel(start, shape)}..${stepLabel(end - 1, shape)}`,
      steps: range(start, end),
      features: all
    })
  }
  return groupingFromPlayers('segment', shape, players)
}

export interface GroupingSpec {
  readonly level: Level
  readonly segmentLength?: number
  readonly featureNames?: readonly string[]
}

export function makeGrouping(shape: WindowShape, spec: GroupingSpec): Grouping {
  switch (spec.level) {
    case 'time':
      return timeGrouping(shape)
    case 'feature':
      return featureGrouping(shape, spec.featureNames)
    case 'cell':
      return cellGrouping(shape, spec.featureNames)
    case 'segment':
      if (spec.segmentLength === undefined) {
        throw new ExplainInputError('Level "segment" needs segmentLength')
      }
      return segmentGrouping(shape, spec.segmentLength)
    default:
      throw new ExplainInputError(`Unknown level "${String(spec.level satisfies never)}"`)
  }
}

/**
 * Keeps each player's steps from `keepFrom` on and merges all older steps into
 * one "pruned" player, listed first (TimeSHAP). Players left empty are dropped.
 */
export function pruneOlderSteps(grouping: Grouping, keepFrom: number): Grouping {
  if (keepFrom <= 0) return grouping
  const { shape } = grouping
  const kept: Player[] = []
  for (const player of grouping.players) {
    const steps = player.steps.filter((t) => t >= keepFrom)
    if (steps.length === 0) continue
    const cut = steps.length !== player.steps.length && grouping.level !== 'time'
    kept.push({
      label: cut ? `${player.label} (${stepLabel(keepFrom, shape)} on)` : player.label,
      steps,
      features: player.features
    })
  }
  const pruned: Player = {
    label: `pruned ${stepLabel(0, shape)}..${stepLabel(keepFrom - 1, shape)}`,
    steps: range(0, keepFrom),
    features: range(0, shape.features)
  }
  return groupingFromPlayers(grouping.level, shape, [pruned, ...kept])
}

/** Sums cell-level values into each player of a grouping. */
export function sumCells(grouping: Grouping, cellValues: ArrayLike<number>): number[] {
  return grouping.cells.map((cells) => {
    let s = 0
    for (const c of cells) s += cellValues[c]!
    return s
  })
}

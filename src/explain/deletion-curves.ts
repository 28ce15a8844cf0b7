import type { Game } from './coalition-game'
import { coalitionValues, gameWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import { groupingFromPlayers } from './grouping'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import { createRng, deriveSeed, permutation } from './rng'
import type { Attribution, DeletionCurves, PredictFn, RunOptions } from './types'

/**
 * Deletion: from x, replace players by the baseline most-important first;
 * insertion: from the baseline, put players of x back in the same order.
 * Each is compared with a seeded random order (averaged over `randomOrders`).
 */
export interface DeletionOptions {
  /** 'signed' (default) ranks by value, so evidence for the output goes first; 'absolute' by |value|. */
  readonly order?: 'signed' | 'absolute'
  readonly randomOrders?: number
}

function randomOrdersOf(options: DeletionOptions): number {
  const r = options.randomOrders ?? 1
  if (!Number.isInteger(r) || r < 1) {
    throw new ExplainInputError(`randomOrders must be a positive integer, got ${r}`)
  }
  return r
}

/** Interior points of the 2 + 2R curves (the ends are f(x) and f(baseline)). */
export function deletionWindows(
  game: Game,
  options: DeletionOptions = {},
  players = game.grouping.players.length
): number {
  const m = players
  return gameWindows(game, (2 + 2 * randomOrdersOf(options)) * Math.max(m - 1, 0))
}

/** Importance order: index of the most important player first; ties keep player order. */
export function importanceOrder(values: readonly number[], order: 'signed' | 'absolute'): number[] {
  const key = (v: number): number => (order === 'absolute' ? Math.abs(v) : v)
  return values.map((_, i) => i).sort((a, b) => key(values[b]!) - key(values[a]!) || a - b)
}

/** ∫ over x ∈ [0, 1] with the trapezoid rule on equally spaced points. */
export function curveArea(ys: readonly number[]): number {
  const n = ys.length - 1
  if (n <= 0) return 0
  let s = 0
  for (let i = 0; i < n; i++) s += (ys[i]! + ys[i + 1]!) / 2
  return s / n
}

export async function runDeletionCurves(
  game: Game,
  ctx: MethodContext,
  values: readonly number[],
  prediction: number,
  baselinePrediction: number,
  options: DeletionOptions = {}
): Promise<DeletionCurves> {
  const m = game.grouping.players.length
  if (values.length !== m) throw new ExplainInputError('Values do not match the players')
  const orderKind = options.order ?? 'signed'
  const randomOrders = randomOrdersOf(options)
  const rng = createRng(deriveSeed(ctx.seed, 2))
  const orders = [importanceOrder(values, orderKind)]
  for (let r = 0; r < randomOrders; r++) orders.push(Array.from(permutation(rng, m)))

  // Per order: deletion masks for k = 1..M−1 removed, then insertion masks for k added.
  const inner = Math.max(m - 1, 0)
  const masks = new Uint8Array(orders.length * 2 * inner * m)
  orders.forEach((order, o) => {
    for (let k = 1; k <= inner; k++) {
      const del = ((o * 2 + 0) * inner + k - 1) * m
      const ins = ((o * 2 + 1) * inner + k - 1) * m
      masks.fill(1, del, del + m)
      for (let i = 0; i < k; i++) {
        masks[del + order[i]!] = 0
        masks[ins + order[i]!] = 1
      }
    }
  })
  const v = await coalitionValues(game, ctx.model, masks, orders.length * 2 * inner)
  const curve = (o: number, kind: 0 | 1): number[] => {
    const start = kind === 0 ? prediction : baselinePrediction
    const end = kind === 0 ? baselinePrediction : prediction
    const ys = [start]
    for (let k = 1; k <= inner; k++) ys.push(v[(o * 2 + kind) * inner + k - 1]!)
    ys.push(end)
    return ys
  }
  const meanOfRandom = (kind: 0 | 1): number[] => {
    const sum = new Array<number>(m + 1).fill(0)
    for (let o = 1; o <= randomOrders; o++) curve(o, kind).forEach((y, k) => (sum[k]! += y))
    return sum.map((s) => s / randomOrders)
  }
  const deletion = curve(0, 0)
  const insertion = curve(0, 1)
  const deletionRandom = meanOfRandom(0)
  const insertionRandom = meanOfRandom(1)
  return {
    x: Array.from({ length: m + 1 }, (_, k) => k / m),
    deletion,
    insertion,
    deletionRandom,
    insertionRandom,
    deletionArea: curveArea(deletionRandom) - curveArea(deletion),
    insertionArea: curveArea(insertion) - curveArea(insertionRandom),
    order: orderKind,
    randomOrders
  }
}

/** Deletion/insertion curves for an existing explanation of `game.x`. */
export async function deletionCurves(
  game: Omit<Game, 'grouping'>,
  predict: PredictFn,
  attribution: Attribution,
  options: DeletionOptions & RunOptions = {}
): Promise<DeletionCurves> {
  const full: Game = {
    ...game,
    grouping: groupingFromPlayers(attribution.level, attribution.shape, attribution.players)
  }
  const windows = deletionWindows(full, options)
  const ctx = createContext(
    full,
    predict,
    { ...options, seed: attribution.seed },
    plan([{ name: 'deletion and insertion', model: 'predict', windows }])
  )
  return runDeletionCurves(
    full,
    ctx,
    attribution.values,
    attribution.prediction,
    attribution.baselinePrediction,
    options
  )
}

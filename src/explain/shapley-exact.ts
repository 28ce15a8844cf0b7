import { buildAttribution } from './attribution'
import type { Game } from './coalition-game'
import { anchorValues, anchorWindows, coalitionValues, gameWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import type { Attribution, ModelCallPlan, PredictFn, RunOptions } from './types'

/** 2^20 coalitions is already ~10^6 windows per background row. */
export const MAX_EXACT_PLAYERS = 20

/**
 * Shapley values of a game given v(S) for every coalition, indexed by bitmask
 * (bit p set = player p present): φ_i = Σ_{S∌i} |S|!(M−|S|−1)!/M! · (v(S∪i) − v(S)).
 */
export function shapleyFromCoalitionValues(v: ArrayLike<number>, m: number): Float64Array {
  if (v.length !== 2 ** m) throw new ExplainInputError(`Need 2^${m} values, got ${v.length}`)
  // weight[s] = 1 / (M · C(M−1, s)), built by the ratio C(M−1, s+1) / C(M−1, s).
  const weight = new Float64Array(Math.max(m, 1))
  let binom = 1
  for (let s = 0; s < m; s++) {
    weight[s] = 1 / (m * binom)
    binom = (binom * (m - 1 - s)) / (s + 1)
  }
  const phi = new Float64Array(m)
  const full = 2 ** m
  for (let set = 0; set < full; set++) {
    const size = popcount(set)
    if (size === m) continue
    const w = weight[size]!
    const vs = v[set]!
    for (let i = 0; i < m; i++) {
      const bit = 1 << i
      if ((set & bit) === 0) phi[i]! += w * (v[set | bit]! - vs)
    }
  }
  return phi
}

export function popcount(x: number): number {
  let n = 0
  for (let y = x; y !== 0; y &= y - 1) n++
  return n
}

function checkPlayers(m: number): void {
  if (m > MAX_EXACT_PLAYERS) {
    throw new ExplainInputError(
      `Exact Shapley values need 2^${m} coalitions; use at most ${MAX_EXACT_PLAYERS} players or KernelSHAP`
    )
  }
}

export function planShapleyExact(game: Game): ModelCallPlan {
  const m = game.grouping.players.length
  checkPlayers(m)
  return plan([
    { name: 'f(x), f(baseline)', model: 'predict', windows: anchorWindows(game) },
    { name: 'coalitions', model: 'predict', windows: gameWindows(game, 2 ** m - 2) }
  ])
}

/** Writes the masks of coalitions 1..2^M−2 (empty and full are the anchors). */
function enumerationMasks(m: number): Uint8Array {
  const k = 2 ** m - 2
  const masks = new Uint8Array(k * m)
  for (let set = 1; set <= k; set++) {
    for (let p = 0; p < m; p++) masks[(set - 1) * m + p] = (set >> p) & 1
  }
  return masks
}

/** v(S) for all 2^M coalitions by bitmask, anchors included. */
export async function enumerateGame(
  game: Game,
  ctx: MethodContext
): Promise<{ v: Float64Array; prediction: number; baselinePrediction: number }> {
  const m = game.grouping.players.length
  checkPlayers(m)
  const anchors = await anchorValues(game, ctx.model)
  const inner = await coalitionValues(game, ctx.model, enumerationMasks(m), 2 ** m - 2)
  const v = new Float64Array(2 ** m)
  v[0] = anchors.baselinePrediction
  v.set(inner, 1)
  v[2 ** m - 1] = anchors.prediction
  return { v, ...anchors }
}

export async function runShapleyExact(game: Game, ctx: MethodContext): Promise<Attribution> {
  const startedAt = Date.now()
  const before = ctx.meter.done
  const { v, prediction, baselinePrediction } = await enumerateGame(game, ctx)
  const values = shapleyFromCoalitionValues(v, game.grouping.players.length)
  return buildAttribution({
    method: 'exact',
    game,
    values,
    prediction,
    baselinePrediction,
    modelCalls: ctx.meter.done - before,
    seed: ctx.seed,
    extra: {},
    startedAt
  })
}

/** Exact Shapley values by enumerating every coalition: the reference the estimators are tested against. */
export async function shapleyExact(
  game: Game,
  predict: PredictFn,
  options: RunOptions = {}
): Promise<Attribution> {
  return runShapleyExact(game, createContext(game, predict, options, planShapleyExact(game)))
}

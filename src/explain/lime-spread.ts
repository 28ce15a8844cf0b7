import type { Game } from './coalition-game'
import type { LimeOptions } from './lime'
import { planLime, runLime } from './lime'
import { createContext, plan } from './method-context'
import type { Attribution, ModelCallPlan, PredictFn, RunOptions } from './types'

export interface LimeSpread {
  readonly seeds: number[]
  readonly runs: Attribution[]
  /** Mean and sample standard deviation of each coefficient across seeds. */
  readonly mean: number[]
  readonly std: number[]
  readonly r2: number[]
}

export function planLimeSpread(
  game: Game,
  seeds: number,
  options: LimeOptions = {}
): ModelCallPlan {
  const one = planLime(game, options)
  return plan([{ name: `${seeds} LIME runs`, model: 'predict', windows: seeds * one.total }])
}

/** LIME once per seed: how much the explanation moves from run to run. */
export async function limeSpread(
  game: Game,
  predict: PredictFn,
  seeds: readonly number[],
  options: LimeOptions & RunOptions = {}
): Promise<LimeSpread> {
  const ctx = createContext(game, predict, options, planLimeSpread(game, seeds.length, options))
  const runs: Attribution[] = []
  for (const seed of seeds) runs.push(await runLime(game, { ...ctx, seed }, options))
  const m = game.grouping.players.length
  const mean: number[] = []
  const std: number[] = []
  for (let p = 0; p < m; p++) {
    const xs = runs.map((r) => r.values[p]!)
    const mu = xs.reduce((a, b) => a + b, 0) / xs.length
    const ss = xs.reduce((a, b) => a + (b - mu) ** 2, 0)
    mean.push(mu)
    std.push(xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0)
  }
  return { seeds: [...seeds], runs, mean, std, r2: runs.map((r) => r.extra.lime?.r2 ?? Number.NaN) }
}

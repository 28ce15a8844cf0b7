import type { Game } from './coalition-game'
import { anchorValues, anchorWindows, coalitionValues, gameWindows } from './coalition-game'
import { ExplainInputError } from './errors'
import { pruneOlderSteps, timeGrouping } from './grouping'
import { kernelCoalitionCount, defaultKernelSamples } from './kernel-design'
import type { KernelShapOptions } from './kernel-shap'
import { runKernelShap } from './kernel-shap'
import type { MethodContext } from './method-context'
import { createContext, plan } from './method-context'
import type { Attribution, ModelCallPlan, PredictFn, RunOptions } from './types'

export interface TimeShapOptions extends KernelShapOptions {
  /**
   * Prune once |φ(older block)| ≤ tolerance. Default: 1 % of |f(x) − f(baseline)|,
   * since an absolute default would depend on the target's units.
   */
  readonly tolerance?: number
}

export const DEFAULT_RELATIVE_TOLERANCE = 0.01

/** Players left after pruning steps 0..cut−1 (the pruned block counts as one). */
function playersAfterPrune(game: Game, cut: number): number {
  const kept = game.grouping.players.filter((p) => p.steps.some((t) => t >= cut)).length
  return cut > 0 ? kept + 1 : kept
}

function kernelSamples(players: number, options: KernelShapOptions): number {
  return options.nsamples ?? defaultKernelSamples(players)
}

function pruningWindows(game: Game): number {
  return gameWindows(game, 2 * (game.grouping.shape.steps - 1))
}

/** Worst case over every possible cut: the exact count is known once pruning has run. */
export function planTimeShap(game: Game, options: TimeShapOptions = {}): ModelCallPlan {
  let most = 0
  for (let cut = 0; cut < game.grouping.shape.steps; cut++) {
    const m = playersAfterPrune(game, cut)
    most = Math.max(most, kernelCoalitionCount(m, kernelSamples(m, options)))
  }
  return plan(
    [
      { name: 'f(x), f(baseline)', model: 'predict', windows: anchorWindows(game) },
      { name: 'pruning scan', model: 'predict', windows: pruningWindows(game) },
      { name: 'coalitions (at most)', model: 'predict', windows: gameWindows(game, most) }
    ],
    false
  )
}

/**
 * For each cut (older block = steps 0..cut−1, scanned from the most recent),
 * φ of the older block in the exact 2-player game against the newer steps.
 */
async function pruningScan(
  game: Game,
  ctx: MethodContext,
  prediction: number,
  baselinePrediction: number
): Promise<{ cut: number; olderValue: number }[]> {
  const steps = game.grouping.shape.steps
  const timeGame: Game = { ...game, grouping: timeGrouping(game.grouping.shape) }
  const cuts = steps - 1
  const masks = new Uint8Array(2 * cuts * steps)
  for (let i = 0; i < cuts; i++) {
    const cut = steps - 1 - i
    for (let t = 0; t < steps; t++) {
      masks[2 * i * steps + t] = t < cut ? 1 : 0 // older block alone
      masks[(2 * i + 1) * steps + t] = t < cut ? 0 : 1 // newer block alone
    }
  }
  const v = await coalitionValues(timeGame, ctx.model, masks, 2 * cuts)
  const scan: { cut: number; olderValue: number }[] = []
  for (let i = 0; i < cuts; i++) {
    const older = v[2 * i]!
    const newer = v[2 * i + 1]!
    const olderValue = 0.5 * (older - baselinePrediction + (prediction - newer))
    scan.push({ cut: steps - 1 - i, olderValue })
  }
  return scan
}

export async function runTimeShap(
  game: Game,
  ctx: MethodContext,
  options: TimeShapOptions = {}
): Promise<Attribution> {
  const startedAt = Date.now()
  const before = ctx.meter.done
  if (options.tolerance !== undefined && !(options.tolerance >= 0)) {
    throw new ExplainInputError(`tolerance must be ≥ 0, got ${options.tolerance}`)
  }
  const upper = planTimeShap(game, options).total
  const anchors = await anchorValues(game, ctx.model)
  const { prediction, baselinePrediction } = anchors
  const tolerance =
    options.tolerance ?? DEFAULT_RELATIVE_TOLERANCE * Math.abs(prediction - baselinePrediction)
  const scan = await pruningScan(game, ctx, prediction, baselinePrediction)
  const hit = scan.find((s) => Math.abs(s.olderValue) <= tolerance)
  const pruneIndex = hit?.cut ?? 0
  const pruned: Game = { ...game, grouping: pruneOlderSteps(game.grouping, pruneIndex) }
  const m = pruned.grouping.players.length
  const actual =
    anchorWindows(game) +
    pruningWindows(game) +
    gameWindows(game, kernelCoalitionCount(m, kernelSamples(m, options)))
  // The plan was a worst case; now the real total is known.
  ctx.meter.total -= upper - actual
  const result = await runKernelShap(pruned, ctx, options, anchors)
  return {
    ...result,
    method: 'timeshap',
    modelCalls: ctx.meter.done - before,
    seconds: (Date.now() - startedAt) / 1000,
    extra: {
      ...result.extra,
      timeshap: {
        pruneIndex,
        tolerance,
        prunedTwoPlayerValue: hit?.olderValue ?? 0,
        prunedValue: pruneIndex > 0 ? result.values[0]! : 0,
        scan
      }
    }
  }
}

/**
 * TimeSHAP: prune old steps whose block barely matters (exact 2-player games,
 * scanning back from the most recent step), then KernelSHAP over what is left
 * plus one "pruned" player.
 */
export async function timeShap(
  game: Game,
  predict: PredictFn,
  options: TimeShapOptions & RunOptions & { readonly seed?: number } = {}
): Promise<Attribution> {
  const ctx = createContext(game, predict, options, planTimeShap(game, options))
  return runTimeShap(game, ctx, options)
}

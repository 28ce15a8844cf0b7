import type { Game } from './coalition-game'
import { checkGame } from './coalition-game'
import type { BatchedModel, CallMeter } from './model-runner'
import { batchedModel, maxBatchOf, meterFor } from './model-runner'
import type { GradFn, ModelCallPlan, PredictFn, RunOptions } from './types'

/** What a method runs with: the batched model(s), the shared call meter and its seed. */
export interface MethodContext {
  readonly model: BatchedModel
  readonly meter: CallMeter
  readonly seed: number
  readonly gradient?: BatchedModel
}

export const DEFAULT_SEED = 42

/** One meter for a whole run (method plus checks), so progress counts against one total. */
export function createContext(
  game: Game,
  predict: PredictFn,
  options: RunOptions & { readonly seed?: number },
  plan: ModelCallPlan,
  gradient?: GradFn
): MethodContext {
  checkGame(game)
  const meter = meterFor(options, plan.total)
  return withModel(
    game,
    predict,
    meter,
    maxBatchOf(options),
    options.seed ?? DEFAULT_SEED,
    gradient
  )
}

export function withModel(
  game: Game,
  predict: PredictFn,
  meter: CallMeter,
  maxBatch: number,
  seed: number,
  gradient?: GradFn
): MethodContext {
  const size = game.x.length
  const model = batchedModel(predict, meter, maxBatch, size, 1)
  if (gradient === undefined) return { model, meter, seed }
  return { model, meter, seed, gradient: batchedModel(gradient, meter, maxBatch, size, size) }
}

export function plan(phases: ModelCallPlan['phases'], exact = true): ModelCallPlan {
  return { total: phases.reduce((s, p) => s + p.windows, 0), exact, phases }
}

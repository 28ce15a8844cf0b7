import type { BaselineSource } from './baselines'
import { resolveBaseline } from './baselines'
import type { Game } from './coalition-game'
import { checkGame } from './coalition-game'
import type { DeletionOptions } from './deletion-curves'
import { deletionWindows, runDeletionCurves } from './deletion-curves'
import { ExplainInputError } from './errors'
import { groupingFromPlayers, makeGrouping } from './grouping'
import type { IgOptions } from './integrated-gradients'
import { planIntegratedGradients, runIntegratedGradients } from './integrated-gradients'
import type { KernelShapOptions } from './kernel-shap'
import { planKernelShap, runKernelShap } from './kernel-shap'
import type { LimeOptions } from './lime'
import { planLime, runLime } from './lime'
import type { MethodContext } from './method-context'
import { DEFAULT_SEED, plan, withModel } from './method-context'
import { maxBatchOf, meterFor } from './model-runner'
import type { OcclusionOptions } from './occlusion'
import { planOcclusion, runOcclusion } from './occlusion'
import { projectToGrouping } from './project'
import { spearman } from './rank-correlation'
import { planShapleyExact, runShapleyExact } from './shapley-exact'
import type { TimeShapOptions } from './timeshap'
import { planTimeShap, runTimeShap } from './timeshap'
import type {
  Attribution,
  GradFn,
  Level,
  MethodName,
  ModelCallPlan,
  PlanPhase,
  PredictFn,
  RandomisationCheck,
  RunOptions,
  WindowShape
} from './types'

/** Settings per method; only the chosen method's are read. */
export interface ExplainParams {
  readonly kernelshap?: KernelShapOptions
  readonly timeshap?: TimeShapOptions
  readonly lime?: LimeOptions
  readonly occlusion?: OcclusionOptions
  readonly ig?: IgOptions
}

export interface CheckRequest {
  /** Deletion/insertion curves against a seeded random order. */
  readonly deletion?: boolean | DeletionOptions
  /** Re-explain with `randomisedPredict` (same seed) and report Spearman ρ. */
  readonly randomisation?: boolean
}

/** Everything that defines one explanation; the model comes separately. */
export interface ExplainRequest {
  readonly method: MethodName
  readonly level: Level
  /** The window to explain, T × F row-major, in the model's (scaled) units. */
  readonly window: Float32Array | readonly number[]
  readonly shape: WindowShape
  readonly baseline: BaselineSource
  /** Steps per segment when level = 'segment'. */
  readonly segmentLength?: number
  readonly featureNames?: readonly string[]
  /** Default 42. */
  readonly seed?: number
  readonly params?: ExplainParams
  readonly checks?: CheckRequest
}

export interface ExplainOptions extends RunOptions {
  /** Needed by 'ig'. */
  readonly gradient?: GradFn
  /** The same architecture with randomised weights, for the randomisation check. */
  readonly randomisedPredict?: PredictFn
  readonly randomisedGradient?: GradFn
}

export function gameFor(request: ExplainRequest): Game {
  const x = Float32Array.from(request.window)
  const spec = {
    level: request.level,
    ...(request.segmentLength === undefined ? {} : { segmentLength: request.segmentLength }),
    ...(request.featureNames === undefined ? {} : { featureNames: request.featureNames })
  }
  const game: Game = {
    x,
    baseline: resolveBaseline(request.baseline, x),
    grouping: makeGrouping(request.shape, spec)
  }
  checkGame(game)
  return game
}

export function planMethod(
  method: MethodName,
  game: Game,
  params: ExplainParams = {}
): ModelCallPlan {
  switch (method) {
    case 'exact':
      return planShapleyExact(game)
    case 'kernelshap':
      return planKernelShap(game, params.kernelshap)
    case 'timeshap':
      return planTimeShap(game, params.timeshap)
    case 'lime':
      return planLime(game, params.lime)
    case 'occlusion':
      return planOcclusion(game, params.occlusion)
    case 'ig':
      return planIntegratedGradients(game, params.ig)
    default:
      throw new ExplainInputError(`Unknown method "${String(method satisfies never)}"`)
  }
}

export function runMethod(
  method: MethodName,
  game: Game,
  ctx: MethodContext,
  params: ExplainParams = {}
): Promise<Attribution> {
  switch (method) {
    case 'exact':
      return runShapleyExact(game, ctx)
    case 'kernelshap':
      return runKernelShap(game, ctx, params.kernelshap)
    case 'timeshap':
      return runTimeShap(game, ctx, params.timeshap)
    case 'lime':
      return runLime(game, ctx, params.lime)
    case 'occlusion':
      return runOcclusion(game, ctx, params.occlusion)
    case 'ig':
      return runIntegratedGradients(game, ctx, params.ig)
    default:
      throw new ExplainInputError(`Unknown method "${String(method satisfies never)}"`)
  }
}

function deletionOptions(request: ExplainRequest): DeletionOptions | undefined {
  const d = request.checks?.deletion
  if (d === undefined || d === false) return undefined
  return d === true ? {} : d
}

function checkPhases(request: ExplainRequest, game: Game, main: ModelCallPlan): PlanPhase[] {
  const phases: PlanPhase[] = []
  const deletion = deletionOptions(request)
  if (deletion !== undefined) {
    // TimeSHAP may add a pruned player: plan for one more than the grouping has.
    const players = game.grouping.players.length + (request.method === 'timeshap' ? 1 : 0)
    phases.push({
      name: 'deletion and insertion',
      model: 'predict',
      windows: deletionWindows(game, deletion, players)
    })
  }
  if (request.checks?.randomisation === true) {
    phases.push(
      ...main.phases.map((p) => ({
        ...p,
        name: `randomised: ${p.name}`,
        model: 'randomised' as const
      }))
    )
  }
  return phases
}

/** Windows the whole request will evaluate (method plus checks), before running it. */
export function planExplain(request: ExplainRequest): ModelCallPlan {
  const game = gameFor(request)
  const main = planMethod(request.method, game, request.params)
  return plan([...main.phases, ...checkPhases(request, game, main)], main.exact)
}

/**
 * One entry for the engine (the app and the CLI both reach it there): builds the players and the baseline,
 * runs the method, then the requested trust checks, all under one progress total.
 */
export async function explain(
  request: ExplainRequest,
  predict: PredictFn,
  options: ExplainOptions = {}
): Promise<Attribution> {
  const game = gameFor(request)
  const seed = request.seed ?? DEFAULT_SEED
  const total = planExplain(request)
  if (request.method === 'ig' && options.gradient === undefined) {
    throw new ExplainInputError('Integrated Gradients needs a gradient function from the model')
  }
  const meter = meterFor(options, total.total)
  const maxBatch = maxBatchOf(options)
  const ctx = withModel(game, predict, meter, maxBatch, seed, options.gradient)
  const result = await runMethod(request.method, game, ctx, request.params)

  const deletion = deletionOptions(request)
  const randomise = request.checks?.randomisation === true
  if (deletion === undefined && !randomise) return result
  const explained: Game = {
    ...game,
    grouping: groupingFromPlayers(result.level, result.shape, result.players)
  }
  // The method's share is now known exactly; re-plan what is left with the real players.
  meter.total =
    meter.done +
    (deletion === undefined ? 0 : deletionWindows(explained, deletion)) +
    (randomise ? planMethod(request.method, game, request.params).total : 0)
  result.checks = {}
  if (deletion !== undefined) {
    result.checks.deletion = await runDeletionCurves(
      explained,
      ctx,
      result.values,
      result.prediction,
      result.baselinePrediction,
      deletion
    )
  }
  if (randomise) {
    result.checks.randomisation = await randomisationCheck(
      request,
      game,
      result,
      options,
      meter,
      maxBatch,
      seed
    )
  }
  return result
}

async function randomisationCheck(
  request: ExplainRequest,
  game: Game,
  result: Attribution,
  options: ExplainOptions,
  meter: MethodContext['meter'],
  maxBatch: number,
  seed: number
): Promise<RandomisationCheck> {
  const predict = options.randomisedPredict
  if (predict === undefined) {
    throw new ExplainInputError('The randomisation check needs randomisedPredict')
  }
  if (request.method === 'ig' && options.randomisedGradient === undefined) {
    throw new ExplainInputError('The randomisation check of IG needs randomisedGradient')
  }
  const ctx = withModel(game, predict, meter, maxBatch, seed, options.randomisedGradient)
  const other = await runMethod(request.method, game, ctx, request.params)
  // TimeSHAP may prune elsewhere under random weights: compare on the unpruned players.
  const a = request.method === 'timeshap' ? projectToGrouping(result, game.grouping) : result.values
  const b = request.method === 'timeshap' ? projectToGrouping(other, game.grouping) : other.values
  return { spearman: spearman(a, b), randomisedValues: b }
}

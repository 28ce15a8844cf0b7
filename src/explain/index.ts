// Public surface of the explanation library. Pure TypeScript: a model is a PredictFn.
export type {
  AbortLike,
  AdditivityGap,
  Attribution,
  AttributionExtra,
  BaselineInfo,
  BaselineKind,
  DeletionCurves,
  GradFn,
  Level,
  MethodName,
  ModelCallPlan,
  PlanPhase,
  Player,
  PredictFn,
  ProgressFn,
  QuadratureRule,
  RandomisationCheck,
  RunOptions,
  TrustChecks,
  WindowShape
} from './types'
export { ExplainAbortedError, ExplainInputError, isExplainAborted } from './errors'
export type { Rng } from './rng'
export { createRng, deriveSeed, permutation, shuffleInPlace } from './rng'
export type { Grouping, GroupingSpec } from './grouping'
export {
  cellGrouping,
  featureGrouping,
  groupingFromPlayers,
  makeGrouping,
  pruneOlderSteps,
  segmentGrouping,
  sumCells,
  timeGrouping
} from './grouping'
export type { Baseline, BaselineSource } from './baselines'
export {
  backgroundBaseline,
  customBaseline,
  lastValueBaseline,
  meanBaseline,
  medianBaseline,
  resolveBaseline,
  zerosBaseline
} from './baselines'
export type { Game } from './coalition-game'
export { maskWindow } from './masking'
export { DEFAULT_MAX_BATCH } from './model-runner'
export { DEFAULT_SEED } from './method-context'
export {
  MAX_EXACT_PLAYERS,
  planShapleyExact,
  shapleyExact,
  shapleyFromCoalitionValues
} from './shapley-exact'
export type { KernelShapOptions } from './kernel-shap'
export { kernelShap, planKernelShap, solveKernelRegression } from './kernel-shap'
export { defaultKernelSamples, kernelCoalitionCount, kernelSizePlan } from './kernel-design'
export type { TimeShapOptions } from './timeshap'
export { planTimeShap, timeShap } from './timeshap'
export type { LimeOptions } from './lime'
export { lime, planLime } from './lime'
export type { LimeSpread } from './lime-spread'
export { limeSpread, planLimeSpread } from './lime-spread'
export type { OcclusionOptions } from './occlusion'
export { occlusion, occlusionPatches, planOcclusion } from './occlusion'
export type { IgOptions } from './integrated-gradients'
export { integratedGradients, planIntegratedGradients } from './integrated-gradients'
export { gaussLegendre, trapezoid } from './gauss-legendre'
export { cholesky, choleskySolve, normalEquations, solveSpd } from './linalg'
export type { RidgeFit } from './weighted-ridge'
export { weightedRidge } from './weighted-ridge'
export { additivityGap } from './additivity'
export type { DeletionOptions } from './deletion-curves'
export { curveArea, deletionCurves, importanceOrder } from './deletion-curves'
export { averageRanks, kendallTauB, spearman } from './rank-correlation'
export type { AttributionComparison } from './compare'
export { compareAttributions, compareValues } from './compare'
export { projectToGrouping } from './project'
export { toCellLayout } from './attribution'
export type { CheckRequest, ExplainOptions, ExplainParams, ExplainRequest } from './explain'
export { explain, gameFor, planExplain } from './explain'
export type {
  GlobalImportance,
  GlobalImportanceRequest,
  LevelImportance
} from './global-importance'
export { globalImportance, planGlobalImportance } from './global-importance'

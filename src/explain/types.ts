/**
 * A model as a batched function: `batch` holds `n` windows of shape [T, F]
 * laid out row-major (window, time step, feature). Returns `n` outputs.
 * Explainers call it with thousands of perturbed windows at once.
 */
export type PredictFn = (batch: Float32Array, n: number) => Promise<Float32Array>

/**
 * Gradient of each window's output with respect to its own input window:
 * `n` windows in, `n × T × F` partial derivatives out, same layout as the batch.
 */
export type GradFn = (batch: Float32Array, n: number) => Promise<Float32Array>

/** Shape of one input window: T time steps × F features. */
export interface WindowShape {
  readonly steps: number
  readonly features: number
}

/** Called after each model call with windows evaluated so far and the planned total. */
export type ProgressFn = (done: number, total: number) => void

/** The part of AbortSignal we need, so no DOM or Node types leak in. */
export interface AbortLike {
  readonly aborted: boolean
}

/** How every method runs its model calls. */
export interface RunOptions {
  /** Most windows passed to the model in one call (default 4096). */
  readonly maxBatch?: number
  readonly onProgress?: ProgressFn
  readonly signal?: AbortLike
}

/** Who the players are. */
export type Level = 'time' | 'feature' | 'cell' | 'segment'

export type MethodName = 'exact' | 'kernelshap' | 'timeshap' | 'lime' | 'occlusion' | 'ig'

/**
 * One player: the rectangle of cells `steps × features`. Every grouping used
 * here (a step, a feature, a cell, a segment, a pruned block) is such a rectangle.
 */
export interface Player {
  readonly label: string
  readonly steps: readonly number[]
  readonly features: readonly number[]
}

/** Windows a method will evaluate, known before it runs. */
export interface ModelCallPlan {
  /** Windows passed to PredictFn or GradFn in all. */
  readonly total: number
  /** False when `total` is an upper bound (TimeSHAP: it depends on where pruning cuts). */
  readonly exact: boolean
  readonly phases: readonly PlanPhase[]
}

export interface PlanPhase {
  readonly name: string
  readonly model: 'predict' | 'gradient' | 'randomised'
  readonly windows: number
}

export interface AdditivityGap {
  /** Σ values − (prediction − baselinePrediction). */
  readonly absolute: number
  /** |absolute| / max(|prediction − baselinePrediction|, Σ|values|, 1e-12). */
  readonly relative: number
}

/** Method-specific numbers; only the ones a method produces are set. */
export interface AttributionExtra {
  /** KernelSHAP: 'exact' when every coalition was evaluated. */
  kernelMode?: 'exact' | 'sampled'
  /** KernelSHAP: distinct coalitions used in the regression. */
  coalitions?: number
  lime?: { intercept: number; r2: number; kernelWidth: number; ridge: number }
  timeshap?: {
    /** Steps 0..pruneIndex−1 were merged into one player (0 = nothing pruned). */
    pruneIndex: number
    tolerance: number
    /** φ of the older block in the 2-player game at the cut (0 when nothing pruned). */
    prunedTwoPlayerValue: number
    /** φ of the pruned player in the final KernelSHAP (0 when nothing pruned). */
    prunedValue: number
    /** |φ(older block)| for each cut point scanned, most recent first. */
    scan: { cut: number; olderValue: number }[]
  }
  integratedGradients?: { completenessGap: number; rule: QuadratureRule; steps: number }
  occlusion?: { window: number; stride: number; patches: number }
}

export type QuadratureRule = 'trapezoid' | 'gauss-legendre'

export interface DeletionCurves {
  /** Fraction of players removed/added: 0, 1/M, ..., 1. */
  readonly x: number[]
  readonly deletion: number[]
  readonly insertion: number[]
  readonly deletionRandom: number[]
  readonly insertionRandom: number[]
  /** ∫(random − ordered) of the deletion curves: > 0 when removing important players first hurts more. */
  readonly deletionArea: number
  /** ∫(ordered − random) of the insertion curves: > 0 when adding important players first helps more. */
  readonly insertionArea: number
  readonly order: 'signed' | 'absolute'
  readonly randomOrders: number
}

export interface RandomisationCheck {
  /** Spearman ρ between the attribution and the one under randomised weights. */
  readonly spearman: number
  readonly randomisedValues: number[]
}

export interface TrustChecks {
  deletion?: DeletionCurves
  randomisation?: RandomisationCheck
}

export interface BaselineInfo {
  readonly kind: BaselineKind
  /** Background rows averaged over (1 for a single reference window). */
  readonly count: number
}

/** Same names as the app's baseline picker (src/shared/explanation.ts), plus 'custom'. */
export type BaselineKind = 'mean' | 'median' | 'zeros' | 'last' | 'background' | 'custom'

/** One explanation, JSON-serialisable (plain number arrays only). */
export interface Attribution {
  readonly method: MethodName
  readonly level: Level
  readonly shape: WindowShape
  readonly players: Player[]
  readonly values: number[]
  /** Standard error of each value where the method estimates one (KernelSHAP bootstrap). */
  stderr?: number[]
  /** f(x). */
  readonly prediction: number
  /** f(baseline): mean over background rows. */
  readonly baselinePrediction: number
  readonly additivityGap: AdditivityGap
  /** Windows evaluated (predict and gradient), checks excluded. */
  readonly modelCalls: number
  readonly seed: number
  readonly baseline: BaselineInfo
  seconds?: number
  /** T × F layout of the values, for cell level (and of IG's cell attributions at any level). */
  cells?: number[][]
  readonly extra: AttributionExtra
  checks?: TrustChecks
}

/**
 * Explanations as the app, the engine and the CLI exchange and store them.
 * `ExplanationRecordSchema` is the versioned JSON export format.
 */
import { z } from 'zod'
import type { DataConfig } from './data-config'
import { ForecastIntervalSchema } from './domain'

export const EXPLAIN_METHODS = [
  'exact',
  'kernelshap',
  'timeshap',
  'lime',
  'occlusion',
  'ig'
] as const
export const ExplainMethodSchema = z.enum(EXPLAIN_METHODS)
export type ExplainMethod = z.infer<typeof ExplainMethodSchema>

export const EXPLAIN_LEVELS = ['time', 'feature', 'cell'] as const
export const ExplainLevelSchema = z.enum(EXPLAIN_LEVELS)
export type ExplainLevel = z.infer<typeof ExplainLevelSchema>

export const BASELINES = ['mean', 'median', 'zeros', 'last', 'background'] as const
export const BaselineChoiceSchema = z.enum(BASELINES)
export type BaselineChoice = z.infer<typeof BaselineChoiceSchema>

/**
 * What is explained: the forecast, or — for models trained on changes (target
 * mode 'change') — the predicted change from the window's last value, which
 * leaves out the last value's trivial share of the forecast.
 */
export const ExplainedQuantitySchema = z.enum(['forecast', 'change'])
export type ExplainedQuantity = z.infer<typeof ExplainedQuantitySchema>

/**
 * What is explained when nobody chose: the predicted change for a model
 * trained on changes (explaining its whole forecast would hand the window's
 * last value nearly all the credit), the forecast otherwise. The one default
 * for the app's Explain view, the CLI and the engine.
 */
export function defaultQuantity(targetMode: DataConfig['targetMode']): ExplainedQuantity {
  return targetMode === 'change' ? 'change' : 'forecast'
}

/** A job with its quantity decided: the one asked for, or the run's default. */
export function withQuantity<J extends { quantity?: ExplainedQuantity | undefined }>(
  job: J,
  targetMode: DataConfig['targetMode']
): J & { quantity: ExplainedQuantity } {
  return { ...job, quantity: job.quantity ?? defaultQuantity(targetMode) }
}

/** What the user asks for: which test window, which method, and how. */
export const ExplainJobSchema = z.object({
  /** Absent: the run's default (defaultQuantity), decided by the engine. */
  quantity: ExplainedQuantitySchema.optional(),
  method: ExplainMethodSchema.default('kernelshap'),
  level: ExplainLevelSchema.default('time'),
  /** Test window, counted from 0. */
  index: z.number().int().min(0).default(0),
  /**
   * Which step of a multi-step model's path is explained (1-based); absent:
   * the horizon H, the step a single-step model predicts.
   */
  step: z.number().int().min(1).max(10_000).optional(),
  baseline: BaselineChoiceSchema.default('mean'),
  /** Background windows averaged over when baseline = background. */
  backgroundSize: z.number().int().min(1).max(1000).default(20),
  /** Coalitions (KernelSHAP/TimeSHAP), samples (LIME) or path points (IG). */
  samples: z.number().int().min(1).max(1_000_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  /** Deletion/insertion curves and, with `randomisation`, the model-randomisation check. */
  checks: z.boolean().default(false),
  randomisation: z.boolean().default(false),
  /** Occlusion: steps per occluding patch and stride. */
  occlusionWindow: z.number().int().min(1).optional(),
  occlusionStride: z.number().int().min(1).optional()
})
export type ExplainJob = z.output<typeof ExplainJobSchema>
export type ExplainJobInput = z.input<typeof ExplainJobSchema>

export const EXPLANATION_SCHEMA_VERSION = 'hindsight.explanation/1'

/** An input window as the engine cut it: one time label per step, T × F values in original units. */
export const ExplainedWindowSchema = z.object({
  time: z.array(z.string()),
  values: z.array(z.array(z.number()))
})
export type ExplainedWindow = z.infer<typeof ExplainedWindowSchema>

/** Whether an explanation's values are exact Shapley values, sampled ones, or another method's approximation. */
export const ValuesKindSchema = z.enum(['exact', 'sampled', 'approximate'])
export type ValuesKind = z.infer<typeof ValuesKindSchema>

/**
 * The cost of an explanation before it runs: windows the model will evaluate
 * (`exact`: false when that count is an upper bound), what kind of values it
 * gives, and the window it explains (so no front end re-cuts it).
 */
export const ExplainPlanSchema = z.object({
  total: z.number().int(),
  exact: z.boolean(),
  values: ValuesKindSchema.optional(),
  window: ExplainedWindowSchema.extend({
    targetTime: z.string(),
    /** Column names of the window's values, in model order. */
    features: z.array(z.string())
  }).optional()
})
export type ExplainPlan = z.infer<typeof ExplainPlanSchema>

const AdditivitySchema = z.object({ absolute: z.number(), relative: z.number() })

export const DeletionCurvesSchema = z.object({
  x: z.array(z.number()),
  deletion: z.array(z.number()),
  insertion: z.array(z.number()),
  deletionRandom: z.array(z.number()),
  insertionRandom: z.array(z.number()),
  deletionArea: z.number(),
  insertionArea: z.number(),
  order: z.enum(['signed', 'absolute']),
  randomOrders: z.number().int()
})

/**
 * Agreement of a sampled Shapley estimate with exact values over the same
 * players (run when enumerating them is affordable). Original units.
 */
export const ExactAgreementSchema = z.object({
  players: z.number().int(),
  maxAbsDiff: z.number(),
  /** maxAbsDiff over max |exact φ|. */
  relative: z.number(),
  /** Share of players whose exact value lies within ±1.96 s.e. of the estimate. */
  withinErrors: z.number().nullable()
})
export type ExactAgreement = z.infer<typeof ExactAgreementSchema>

/** Spread of the estimate across seeds against its reported standard errors. Original units. */
export const SeedSpreadSchema = z.object({
  seeds: z.array(z.number().int()),
  /** Coalitions per re-run. */
  budget: z.number().int(),
  spread: z.number(),
  reported: z.number(),
  /** spread / reported: about 1 when the standard errors are honest. */
  ratio: z.number()
})
export type SeedSpread = z.infer<typeof SeedSpreadSchema>

/**
 * One saved explanation. Values are in the target's original units: the model
 * output is unscaled (an affine map), so Σ attributions = prediction −
 * baselinePrediction still holds, and additivityGap is measured in those units.
 */
export const ExplanationRecordSchema = z.object({
  schema: z.literal(EXPLANATION_SCHEMA_VERSION),
  id: z.string(),
  createdAt: z.string(),
  runId: z.string(),
  dataset: z.string(),
  target: z.string(),
  features: z.array(z.string()),
  method: ExplainMethodSchema,
  level: ExplainLevelSchema,
  /** What prediction, actual and attributions are about (see ExplainedQuantitySchema). */
  quantity: ExplainedQuantitySchema.default('forecast'),
  settings: ExplainJobSchema,
  index: z.number().int(),
  /** The explained step of the path (1-based); absent in records from before multi-step models. */
  step: z.number().int().optional(),
  /**
   * The run's calibrated prediction intervals around `prediction` at this step
   * (prediction ± half-width, in the explained quantity's units); absent when none.
   */
  intervals: z.array(ForecastIntervalSchema).optional(),
  /** The input window: one time label per step and T × F values in original units. */
  window: ExplainedWindowSchema,
  /** When the forecast is for, and what actually happened. */
  targetTime: z.string(),
  actual: z.number(),
  prediction: z.number(),
  baselinePrediction: z.number(),
  baseline: z.object({ kind: BaselineChoiceSchema, count: z.number().int() }),
  /** One label per player: a step ('t-3'), a feature, or 'step × feature'. */
  players: z.array(z.string()),
  /** T numbers (time), F (feature) or T × F nested (cell). */
  attributions: z.union([z.array(z.number()), z.array(z.array(z.number()))]),
  stderr: z.union([z.array(z.number()), z.array(z.array(z.number()))]).nullable(),
  additivityGap: AdditivitySchema,
  modelCalls: z.number().int(),
  seconds: z.number(),
  seed: z.number().int(),
  /** Method-specific numbers: LIME's fit, TimeSHAP's pruning point, IG's completeness gap. */
  fidelity: z.object({
    limeR2: z.number().nullable(),
    limeIntercept: z.number().nullable(),
    timeshapPruneIndex: z.number().int().nullable(),
    igCompletenessGap: z.number().nullable(),
    kernelMode: z.enum(['exact', 'sampled']).nullable()
  }),
  checks: z.object({
    deletion: DeletionCurvesSchema.nullable(),
    randomisationSpearman: z.number().nullable(),
    /** KernelSHAP/TimeSHAP only, with the checks: see ExactAgreementSchema and SeedSpreadSchema. */
    exactAgreement: ExactAgreementSchema.nullable().default(null),
    seedSpread: SeedSpreadSchema.nullable().default(null)
  }),
  kernels: z.enum(['fused', 'stock'])
})
export type ExplanationRecord = z.infer<typeof ExplanationRecordSchema>

/** "How far back does the model look": mean |attribution| by lag over many test windows. */
export const GlobalJobSchema = z.object({
  /** Absent: the run's default (defaultQuantity), decided by the engine. */
  quantity: ExplainedQuantitySchema.optional(),
  method: ExplainMethodSchema.default('kernelshap'),
  baseline: BaselineChoiceSchema.default('mean'),
  backgroundSize: z.number().int().min(1).max(1000).default(20),
  samples: z.number().int().min(1).max(1_000_000).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  /** The explained step of a multi-step model (1-based); absent: the horizon H. */
  step: z.number().int().min(1).max(10_000).optional(),
  /** Test windows to average over, spread evenly across the test part. */
  windows: z.number().int().min(1).max(10_000).default(20)
})
export type GlobalJob = z.output<typeof GlobalJobSchema>

export const GlobalImportanceRecordSchema = z.object({
  /** Saved with the run (importance/<id>.json); absent in results from before saving began. */
  id: z.string().optional(),
  createdAt: z.string().optional(),
  runId: z.string(),
  method: ExplainMethodSchema,
  settings: GlobalJobSchema,
  /** Test windows explained (indices from 0). */
  indices: z.array(z.number().int()),
  /** Lag of each step: T − 1 (oldest) … 0 (the step just before the forecast). */
  lags: z.array(z.number().int()),
  /** Mean |attribution| per step, original units. */
  byLag: z.array(z.number()),
  /** Mean signed attribution per step. */
  byLagSigned: z.array(z.number()),
  features: z.array(z.string()),
  byFeature: z.array(z.number()),
  modelCalls: z.number().int(),
  seconds: z.number()
})
export type GlobalImportanceRecord = z.infer<typeof GlobalImportanceRecordSchema>

export const ExportFormatSchema = z.enum(['json', 'csv', 'png', 'html'])
export type ExportFormat = z.infer<typeof ExportFormatSchema>
export const ChartNameSchema = z.enum(['heatmap', 'steps', 'features', 'deletion'])
export type ChartName = z.infer<typeof ChartNameSchema>

/** An export's bytes, for the renderer to save as a download. */
export const ExportFileSchema = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string()
})
export type ExportFile = z.infer<typeof ExportFileSchema>

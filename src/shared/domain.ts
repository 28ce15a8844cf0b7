import { z } from 'zod'
import { DataConfigSchema, ResolvedTargetModeSchema, TargetModeSchema } from './data-config'
import { ModelConfigSchema } from './model-config'

/** What a coded message fills into its text. */
export const MessageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]))
export type MessageParams = z.infer<typeof MessageParamsSchema>

/**
 * A message for the user from the engine or a service: a stable code and the
 * values it names, which the renderer says in the user's language, and the
 * English text, which is the fallback (and what the CLI prints).
 */
export const CodedMessageSchema = z.object({
  code: z.string(),
  message: z.string(),
  params: MessageParamsSchema.optional()
})
export type CodedMessage = z.infer<typeof CodedMessageSchema>

export const ColumnSummarySchema = z.object({
  name: z.string(),
  numeric: z.boolean(),
  missing: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  /** Why a column is not numeric: the first offending cell. */
  problem: z.string().optional()
})
export type ColumnSummary = z.infer<typeof ColumnSummarySchema>

export const DatasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Where the engine reads it from (a user's file, the bundled sample, or an uploaded copy). */
  path: z.string(),
  rows: z.number().int(),
  timeColumn: z.string().nullable(),
  firstTime: z.string().nullable(),
  lastTime: z.string().nullable(),
  columns: z.array(ColumnSummarySchema),
  /** Gaps in the time axis: steps that differ from the most common step. */
  irregularSteps: z.number().int(),
  warnings: z.array(z.string()),
  /** The same warnings with codes and values, for the renderer to say in the UI language. */
  notes: z.array(CodedMessageSchema).optional(),
  attribution: z.string().optional()
})
export type DatasetSummary = z.infer<typeof DatasetSummarySchema>

/** A decimated view of some columns for charts. */
export const SeriesSchema = z.object({
  time: z.array(z.string()),
  columns: z.record(z.string(), z.array(z.number().nullable())),
  /** Row index of each returned point in the full table. */
  rows: z.array(z.number().int()),
  /**
   * Rows (of the later stamp) in the range where time jumps by more than the
   * typical step: the line breaks before them. At most MAX_SERIES_GAPS.
   */
  gaps: z.array(z.number().int()).optional()
})
export type Series = z.infer<typeof SeriesSchema>

export const BackendNameSchema = z.enum(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'])
export type BackendName = z.infer<typeof BackendNameSchema>

/** A reason's code and values, so the renderer can say it in the user's language. */
const ReasonCode = { code: z.string().optional(), params: MessageParamsSchema.optional() }

export const BackendReportSchema = z.object({
  /** The backend that runs. */
  name: BackendNameSchema,
  /** Every backend in the order tried, with why it did or did not load. */
  tried: z.array(
    z.object({ name: BackendNameSchema, ok: z.boolean(), reason: z.string(), ...ReasonCode })
  ),
  kernels: z.object({ path: z.enum(['fused', 'stock']), reason: z.string(), ...ReasonCode })
})
export type BackendReport = z.infer<typeof BackendReportSchema>

export const MetricsSchema = z.object({
  mse: z.number(),
  rmse: z.number(),
  mae: z.number()
})
export type Metrics = z.infer<typeof MetricsSchema>

/**
 * Test errors of one forecast step, in original units. MASE is the model's
 * MAE over the in-sample MAE of the one-step seasonal-naive forecast on the
 * training part (the naive forecast without a season): the standard scale
 * (Hyndman & Koehler 2006); null when that scale is 0 or cannot be taken.
 */
export const StepEvaluationSchema = z.object({
  /** 1-based step ahead of the window's last row. */
  step: z.number().int(),
  model: MetricsSchema.extend({ mase: z.number().nullable() }),
  naive: MetricsSchema,
  /** The value one season before the step's target; null without a season or when season < step. */
  seasonalNaive: MetricsSchema.nullable()
})
export type StepEvaluation = z.infer<typeof StepEvaluationSchema>

/**
 * A split-conformal prediction interval: prediction ± halfWidth[i] covers
 * the actual with probability ≥ level (exchangeable residuals), where
 * halfWidth[i] belongs to the step `byStep[i].step` (steps 1..H for a
 * multi-step run, the single step H otherwise), in original units.
 */
export const IntervalEvaluationSchema = z.object({
  level: z.number(),
  /** Share of test actuals inside the interval, over every step and window. */
  coverage: z.number(),
  /** The same share per step (same order as halfWidth). */
  coverageByStep: z.array(z.number()),
  halfWidth: z.array(z.number())
})
export type IntervalEvaluation = z.infer<typeof IntervalEvaluationSchema>

export const EvaluationSchema = z.object({
  windows: z.number().int(),
  /** Top-level metrics are at step H (the horizon), for single- and multi-step runs alike. */
  model: MetricsSchema,
  naive: MetricsSchema,
  seasonalNaive: MetricsSchema.nullable(),
  /**
   * The same comparison at step H on the validation windows (what early
   * stopping watched): absent without a validation part, and in older runs.
   */
  validation: z
    .object({
      windows: z.number().int(),
      model: MetricsSchema,
      naive: MetricsSchema,
      seasonalNaive: MetricsSchema.nullable()
    })
    .optional(),
  /** Per step: 1..H for a multi-step run, [H] for a single-step one. Absent in older runs. */
  byStep: z.array(StepEvaluationSchema).optional(),
  /** One per calibrated level (levels that cannot be calibrated are left out, see intervalNotes). */
  intervals: z.array(IntervalEvaluationSchema).optional(),
  /** Why some or all intervals are missing (no validation part, too few validation windows). */
  intervalNotes: z.array(CodedMessageSchema).optional()
})
export type Evaluation = z.infer<typeof EvaluationSchema>

export const EpochRecordSchema = z.object({
  epoch: z.number().int(),
  loss: z.number(),
  valLoss: z.number().nullable(),
  seconds: z.number()
})
export type EpochRecord = z.infer<typeof EpochRecordSchema>

/** Where the split falls, in rows and in time, so the UI can draw it on the series. */
export const SplitInfoSchema = z.object({
  trainEndRow: z.number().int(),
  validationEndRow: z.number().int(),
  rows: z.number().int(),
  trainWindows: z.number().int(),
  validationWindows: z.number().int(),
  testWindows: z.number().int(),
  skippedWindows: z.number().int(),
  trainEndTime: z.string().nullable(),
  validationEndTime: z.string().nullable()
})
export type SplitInfo = z.infer<typeof SplitInfoSchema>

export const RunStatusSchema = z.enum(['running', 'done', 'failed', 'cancelled', 'interrupted'])
export type RunStatus = z.infer<typeof RunStatusSchema>

/**
 * Weights saved while a run trained (runs/<id>/checkpoints/): the best so far
 * (lowest validation loss, or training loss without validation) and the last
 * complete epoch, which is where a resumed run continues.
 */
export const CheckpointInfoSchema = z.object({
  bestEpoch: z.number().int(),
  /** The loss that made it the best: validation loss, or training loss without validation. */
  bestLoss: z.number(),
  lastEpoch: z.number().int()
})
export type CheckpointInfo = z.infer<typeof CheckpointInfoSchema>

/**
 * How the target mode was decided: `requested` is what the user asked
 * ('auto' or a mode), `mode` what the run trains on (also data.targetMode),
 * `reason` why, in English, with its code and values for other languages.
 */
export const TargetModeChoiceSchema = z.object({
  mode: ResolvedTargetModeSchema,
  requested: TargetModeSchema,
  reason: z.string(),
  ...ReasonCode
})
export type TargetModeChoice = z.infer<typeof TargetModeChoiceSchema>

export const RunSummarySchema = z.object({
  id: z.string(),
  dir: z.string(),
  createdAt: z.string(),
  status: RunStatusSchema,
  message: z.string().optional(),
  /** The user's name for the run and notes on it (runs:update); absent until given. */
  name: z.string().optional(),
  notes: z.string().optional(),
  /** `hash`: sha256 of the file's bytes when training started ("sha256:<hex>"). */
  dataset: z.object({ name: z.string(), path: z.string(), hash: z.string().optional() }),
  data: DataConfigSchema,
  model: ModelConfigSchema,
  backend: BackendReportSchema.nullable(),
  split: SplitInfoSchema.nullable(),
  /** `message` with its code, to translate (runs from before codes have only `message`). */
  notice: CodedMessageSchema.optional(),
  epochsRun: z.number().int(),
  evaluation: EvaluationSchema.nullable(),
  trainSeconds: z.number().nullable(),
  windowsPerSecond: z.number().nullable(),
  /**
   * Set when the folder cannot be used as it is (weights missing, a weight
   * path leaving the folder, …): why, in one sentence. Such a run is listed
   * but cannot forecast or be explained.
   */
  damage: z.string().optional(),
  /** Weights saved during training, when the run did not finish (interrupted, failed, cancelled). */
  checkpoint: CheckpointInfoSchema.optional(),
  /** How the target mode was decided (absent in runs from before 'auto'). */
  targetModeChoice: TargetModeChoiceSchema.optional()
})
export type RunSummary = z.infer<typeof RunSummarySchema>

/** A folder under runs/ whose run.json cannot be read at all: listed apart, with the reason. */
export const DamagedRunSchema = z.object({
  id: z.string(),
  dir: z.string(),
  reason: z.string()
})
export type DamagedRun = z.infer<typeof DamagedRunSchema>

/**
 * Test-part predictions in original units, one row per test window, at step
 * H (the horizon). A multi-step run adds the whole path of each window:
 * path[i][k] is window i's forecast for step k + 1, due at pathTime[i][k],
 * when pathActual[i][k] happened. A path's interval band at level L is
 * path[i][k] ± evaluation.intervals[L].halfWidth[k].
 */
export const PredictionsSchema = z.object({
  time: z.array(z.string()),
  actual: z.array(z.number()),
  predicted: z.array(z.number()),
  naive: z.array(z.number()),
  /** H, for a multi-step run; absent for a single-step one. */
  steps: z.number().int().optional(),
  path: z.array(z.array(z.number())).optional(),
  pathTime: z.array(z.array(z.string())).optional(),
  pathActual: z.array(z.array(z.number())).optional()
})
export type Predictions = z.infer<typeof PredictionsSchema>

export const RunDetailSchema = z.object({
  summary: RunSummarySchema,
  history: z.array(EpochRecordSchema),
  predictions: PredictionsSchema.nullable()
})
export type RunDetail = z.infer<typeof RunDetailSchema>

export const TrainProgressSchema = z.object({
  runId: z.string(),
  epoch: z.number().int(),
  epochs: z.number().int(),
  batch: z.number().int(),
  batches: z.number().int(),
  batchLoss: z.number(),
  windowsPerSecond: z.number(),
  etaSeconds: z.number().nullable()
})
export type TrainProgress = z.infer<typeof TrainProgressSchema>

export const TrainEpochSchema = EpochRecordSchema.extend({
  runId: z.string(),
  epochs: z.number().int()
})
export type TrainEpoch = z.infer<typeof TrainEpochSchema>

/** An error the user can act on: what went wrong and where. */
export const UserErrorSchema = CodedMessageSchema.extend({
  file: z.string().optional(),
  row: z.number().int().optional(),
  column: z.string().optional()
})
export type UserError = z.infer<typeof UserErrorSchema>

/** A calibrated interval around one forecast, in original units. */
export const ForecastIntervalSchema = z.object({
  level: z.number(),
  lower: z.number(),
  upper: z.number()
})
export type ForecastInterval = z.infer<typeof ForecastIntervalSchema>

/** One step of a forecast path. */
export const ForecastStepSchema = z.object({
  step: z.number().int(),
  targetTime: z.string(),
  value: z.number(),
  intervals: z.array(ForecastIntervalSchema)
})
export type ForecastStep = z.infer<typeof ForecastStepSchema>

/** A forecast past the end of the data, from the last window. */
export const ForecastSchema = z.object({
  runId: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  horizon: z.number().int(),
  /** When the forecast is for (row number when the data has no time column). */
  targetTime: z.string(),
  /** The forecast at step H. */
  value: z.number(),
  /** Intervals at step H (empty when the run has none calibrated). */
  intervals: z.array(ForecastIntervalSchema).optional(),
  /** Every step 1..H, for a multi-step run. */
  path: z.array(ForecastStepSchema).optional()
})
export type Forecast = z.infer<typeof ForecastSchema>

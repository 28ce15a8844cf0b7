import { z } from 'zod'
import { ImportFactsSchema } from './data-import'
import { MessageParamsSchema } from './domain'

/** What the window counts and the trend test are computed for. */
export const InspectRequestSchema = z.object({
  target: z.string().min(1),
  features: z.array(z.string().min(1)).max(200).default([]),
  window: z.number().int().min(1).max(10_000),
  horizon: z.number().int().min(1).max(10_000),
  split: z.object({ train: z.number().gt(0).lt(1), validation: z.number().min(0).lt(1) }),
  /** Count windows as a multi-step model needs them: every step's label 1..H present. */
  multiStep: z.boolean().optional(),
  /** ACF lags; default a third of the rows, at most 400. */
  maxLag: z.number().int().min(1).max(2000).optional()
})
export type InspectRequest = z.output<typeof InspectRequestSchema>

/**
 * What `inspect` and the Data view know about a dataset beyond its summary:
 * per-column statistics, the autocorrelation and trend test behind the
 * suggested season, window and target mode, the time axis's calendar, and
 * how many windows each missing-value policy keeps. Computed once in the
 * engine; the CLI prints it and the renderer draws it.
 */
/** Each reason also as a code and its values, for the renderer to say in the UI language. */
const Coded = { code: z.string(), params: MessageParamsSchema }

export const SuggestionSchema = z.object({ steps: z.number().int(), reason: z.string(), ...Coded })

export const SeasonSuggestionSchema = z.object({
  lag: z.number().int(),
  reason: z.string(),
  ...Coded
})

export const TrendSchema = z.object({
  present: z.boolean(),
  test: z.literal('KPSS'),
  statistic: z.number(),
  pValue: z.number(),
  /** The p-value is beyond the table's end (below 0.01 or above 0.10). */
  pBeyondTable: z.boolean(),
  critical5: z.number(),
  lags: z.number().int(),
  /** Observed training values the test ran on. */
  n: z.number().int(),
  reason: z.string(),
  ...Coded
})
export type Trend = z.infer<typeof TrendSchema>

export const HistogramSchema = z.object({
  min: z.number(),
  max: z.number(),
  counts: z.array(z.number().int())
})

export const AcfSchema = z.object({
  values: z.array(z.number()),
  band: z.number(),
  /** Whether it was computed on first differences (the column has a trend). */
  differenced: z.boolean()
})

export const ColumnInspectionSchema = z.object({
  name: z.string(),
  type: z.enum(['numeric', 'text']),
  count: z.number().int(),
  missing: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable(),
  histogram: HistogramSchema.nullable(),
  acf: AcfSchema.nullable(),
  suggestedSeason: SeasonSuggestionSchema.nullable(),
  suggestedWindow: SuggestionSchema.nullable(),
  trend: TrendSchema.nullable(),
  /** The change mode is suggested for this column as a target. */
  suggestedTargetMode: z.enum(['level', 'change']).nullable()
})
export type ColumnInspection = z.infer<typeof ColumnInspectionSchema>

export const WindowCountsSchema = z.object({
  train: z.number().int(),
  validation: z.number().int(),
  test: z.number().int(),
  skipped: z.number().int()
})
export type WindowCounts = z.infer<typeof WindowCountsSchema>

export const StepSchema = z.object({
  unit: z.enum(['ms', 'month', 'business-day']),
  size: z.number(),
  missingStamps: z.number().int(),
  /** Where the step breaks: row (0-based) and its time label. */
  breaks: z.array(z.object({ row: z.number().int(), time: z.string() }))
})

export const DatasetInspectionSchema = z.object({
  rows: z.number().int(),
  timeColumn: z.string().nullable(),
  /** The typical step, or null without a time axis. */
  step: StepSchema.nullable(),
  irregularSteps: z.number().int(),
  columns: z.array(ColumnInspectionSchema),
  /** What the window counts were computed for. */
  windowing: z.object({
    target: z.string(),
    features: z.array(z.string()),
    window: z.number().int(),
    horizon: z.number().int(),
    /** Counts need every step's label (multi-step) or step H's alone. */
    multiStep: z.boolean().default(false),
    trainEndRow: z.number().int(),
    validationEndRow: z.number().int()
  }),
  windowsByPolicy: z.object({
    skip: WindowCountsSchema,
    ffill: WindowCountsSchema,
    interpolate: WindowCountsSchema
  }),
  import: ImportFactsSchema.nullable()
})
export type DatasetInspection = z.infer<typeof DatasetInspectionSchema>

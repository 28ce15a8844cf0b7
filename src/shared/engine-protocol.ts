/**
 * Messages between the host (Electron main, the bridge or the CLI) and the
 * engine process. Requests are discriminated on `type`; each request's reply
 * is a `result` event whose `request` names it and whose `value` has that
 * request's schema (ENGINE_RESULTS), so both sides validate what they receive
 * and the client needs no casts.
 */
import { z } from 'zod'
import { DataConfigSchema } from './data-config'
import { ImportOptionsSchema } from './data-import'
import { DatasetInspectionSchema, InspectRequestSchema } from './data-inspection'
import {
  BackendReportSchema,
  DatasetSummarySchema,
  ForecastSchema,
  RunSummarySchema,
  SeriesSchema,
  TrainEpochSchema,
  TrainProgressSchema,
  UserErrorSchema
} from './domain'
import {
  ChartNameSchema,
  ExplainJobSchema,
  ExplainPlanSchema,
  ExplanationRecordSchema,
  ExportFileSchema,
  ExportFormatSchema,
  GlobalImportanceRecordSchema,
  GlobalJobSchema
} from './explanation'
import { ModelConfigSchema } from './model-config'
import { RowPageRequestSchema, RowPageSchema } from './row-page'
import {
  CounterfactualJobSchema,
  CounterfactualResultSchema,
  SensitivityJobSchema,
  SensitivityResultSchema,
  WhatIfJobSchema,
  WhatIfResultSchema
} from './whatif'
import { ScenarioExportFormatSchema, ScenarioIdSchema } from './scenario'

export const TrainJobSchema = z.object({
  runId: z.string(),
  runDir: z.string(),
  dataset: z.object({ name: z.string(), path: z.string() }),
  data: DataConfigSchema,
  model: ModelConfigSchema,
  /**
   * Continue the unfinished run already in runDir instead of starting one:
   * 'last' trains on from its last checkpoint, 'best' keeps its best weights.
   */
  resume: z.enum(['last', 'best']).optional()
})
export type TrainJob = z.infer<typeof TrainJobSchema>

/** A CSV the engine reads: where, what to call it, and which column is time. */
const DatasetFileSchema = z.object({
  path: z.string(),
  name: z.string(),
  /** Absent: the detected time column; null: none (rows by position). */
  timeColumn: z.string().nullable().optional(),
  /** How to read it; absent: as detected. */
  import: ImportOptionsSchema.optional()
})
export type DatasetFile = z.infer<typeof DatasetFileSchema>

export const EngineRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('train'), id: z.string(), job: TrainJobSchema }),
  z.object({ type: z.literal('cancel'), id: z.string(), target: z.string() }),
  z.object({ type: z.literal('status'), id: z.string() }),
  z.object({ type: z.literal('predict'), id: z.string(), runDir: z.string() }),
  z.object({
    type: z.literal('explain'),
    id: z.string(),
    runDir: z.string(),
    job: ExplainJobSchema
  }),
  z.object({
    type: z.literal('explain-plan'),
    id: z.string(),
    runDir: z.string(),
    job: ExplainJobSchema
  }),
  z.object({ type: z.literal('global'), id: z.string(), runDir: z.string(), job: GlobalJobSchema }),
  z.object({
    type: z.literal('export'),
    id: z.string(),
    runDir: z.string(),
    explanationIds: z.array(z.string()).min(1),
    format: ExportFormatSchema,
    chart: ChartNameSchema.optional()
  }),
  z.object({
    type: z.literal('global-plan'),
    id: z.string(),
    runDir: z.string(),
    job: GlobalJobSchema
  }),
  /** Parse a CSV (and keep it cached in the engine); the host keeps only the summary. */
  z.object({
    type: z.literal('dataset-open'),
    id: z.string(),
    file: DatasetFileSchema,
    /** The host's id for the dataset, carried in the summary. */
    datasetId: z.string(),
    attribution: z.string().optional()
  }),
  /** A decimated view of some columns, from the cached table (re-read if evicted). */
  z.object({
    type: z.literal('dataset-series'),
    id: z.string(),
    file: DatasetFileSchema,
    columns: z.array(z.string()).min(1),
    maxPoints: z.number().int().min(10),
    from: z.number().int().min(0).optional(),
    to: z.number().int().min(0).optional()
  }),
  /** A page of rows for the Data view's table (row-page.ts). */
  z.object({
    type: z.literal('dataset-rows'),
    id: z.string(),
    file: DatasetFileSchema,
    page: RowPageRequestSchema
  }),
  /** Statistics, ACF, trend test, suggestions and window counts (see data-inspection.ts). */
  z.object({
    type: z.literal('dataset-inspect'),
    id: z.string(),
    file: DatasetFileSchema,
    config: InspectRequestSchema
  }),
  // What-if, counterfactual and sensitivity on one test window (issue 11).
  z.object({ type: z.literal('whatif'), id: z.string(), runDir: z.string(), job: WhatIfJobSchema }),
  z.object({
    type: z.literal('counterfactual'),
    id: z.string(),
    runDir: z.string(),
    job: CounterfactualJobSchema
  }),
  z.object({
    type: z.literal('sensitivity'),
    id: z.string(),
    runDir: z.string(),
    job: SensitivityJobSchema
  }),
  /** A saved what-if scenario as a JSON, CSV or HTML file. */
  z.object({
    type: z.literal('scenario-export'),
    id: z.string(),
    runDir: z.string(),
    scenarioId: ScenarioIdSchema,
    format: ScenarioExportFormatSchema
  })
])
export type EngineRequest = z.infer<typeof EngineRequestSchema>
export type EngineRequestType = EngineRequest['type']

export const EngineStatusSchema = z.object({
  backend: BackendReportSchema,
  busy: z.boolean(),
  pid: z.number().int()
})
export type EngineStatus = z.infer<typeof EngineStatusSchema>

/** Model evaluations a job will make, and whether that count is exact or an upper bound. */
export const PlanSchema = z.object({ total: z.number().int(), exact: z.boolean() })
export type Plan = z.infer<typeof PlanSchema>

/** The schema of each request's reply value. */
export const ENGINE_RESULTS = {
  train: RunSummarySchema,
  cancel: z.object({ cancelled: z.boolean() }),
  status: EngineStatusSchema,
  predict: ForecastSchema,
  explain: ExplanationRecordSchema,
  'explain-plan': ExplainPlanSchema,
  global: GlobalImportanceRecordSchema,
  'global-plan': PlanSchema,
  export: ExportFileSchema,
  'dataset-open': DatasetSummarySchema,
  'dataset-series': SeriesSchema,
  'dataset-rows': RowPageSchema,
  'dataset-inspect': DatasetInspectionSchema,
  whatif: WhatIfResultSchema,
  counterfactual: CounterfactualResultSchema,
  sensitivity: SensitivityResultSchema,
  'scenario-export': ExportFileSchema
} as const satisfies { [K in EngineRequestType]: z.ZodType }

export type EngineResults = { [K in EngineRequestType]: z.infer<(typeof ENGINE_RESULTS)[K]> }

function resultEvent<K extends EngineRequestType>(request: K) {
  return z.object({
    type: z.literal('result'),
    id: z.string(),
    request: z.literal(request),
    value: ENGINE_RESULTS[request]
  })
}

/** The reply to one request, discriminated on the request's type. */
export const EngineResultSchema = z.discriminatedUnion('request', [
  resultEvent('train'),
  resultEvent('cancel'),
  resultEvent('status'),
  resultEvent('predict'),
  resultEvent('explain'),
  resultEvent('explain-plan'),
  resultEvent('global'),
  resultEvent('global-plan'),
  resultEvent('export'),
  resultEvent('dataset-open'),
  resultEvent('dataset-series'),
  resultEvent('dataset-rows'),
  resultEvent('dataset-inspect'),
  resultEvent('whatif'),
  resultEvent('counterfactual'),
  resultEvent('sensitivity'),
  resultEvent('scenario-export')
])
export type EngineResult = z.infer<typeof EngineResultSchema>

/** Events that report on a request still running. */
export const EngineProgressSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), id: z.string(), progress: TrainProgressSchema }),
  z.object({ type: z.literal('epoch'), id: z.string(), epoch: TrainEpochSchema }),
  z.object({
    type: z.literal('explain-progress'),
    id: z.string(),
    done: z.number(),
    total: z.number()
  }),
  /** Bytes of a CSV read so far (dataset-open). */
  z.object({
    type: z.literal('read-progress'),
    id: z.string(),
    done: z.number(),
    total: z.number()
  })
])
export type EngineProgress = z.infer<typeof EngineProgressSchema>

export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), status: EngineStatusSchema }),
  EngineProgressSchema,
  EngineResultSchema,
  z.object({ type: z.literal('failed'), id: z.string(), error: UserErrorSchema })
])
export type EngineEvent = z.infer<typeof EngineEventSchema>

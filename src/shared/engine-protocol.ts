/**
 * Messages between the main process (or CLI/bridge host) and the engine process.
 * Discriminated on `type`; both sides validate what they receive.
 */
import { z } from 'zod'
import { DataConfigSchema } from './data-config'
import {
  BackendReportSchema,
  RunSummarySchema,
  TrainEpochSchema,
  TrainProgressSchema,
  UserErrorSchema
} from './domain'
import {
  ChartNameSchema,
  ExplainJobSchema,
  ExportFormatSchema,
  GlobalJobSchema
} from './explanation'
import { ModelConfigSchema } from './model-config'

export const TrainJobSchema = z.object({
  runId: z.string(),
  runDir: z.string(),
  dataset: z.object({ name: z.string(), path: z.string() }),
  data: DataConfigSchema,
  model: ModelConfigSchema
})
export type TrainJob = z.infer<typeof TrainJobSchema>

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
  })
])
export type EngineRequest = z.infer<typeof EngineRequestSchema>

export const EngineStatusSchema = z.object({
  backend: BackendReportSchema,
  busy: z.boolean(),
  pid: z.number().int()
})
export type EngineStatus = z.infer<typeof EngineStatusSchema>

export const EngineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), status: EngineStatusSchema }),
  z.object({ type: z.literal('progress'), id: z.string(), progress: TrainProgressSchema }),
  z.object({ type: z.literal('epoch'), id: z.string(), epoch: TrainEpochSchema }),
  z.object({
    type: z.literal('explain-progress'),
    id: z.string(),
    done: z.number(),
    total: z.number()
  }),
  z.object({ type: z.literal('trained'), id: z.string(), summary: RunSummarySchema }),
  z.object({ type: z.literal('status'), id: z.string(), status: EngineStatusSchema }),
  z.object({ type: z.literal('result'), id: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('failed'), id: z.string(), error: UserErrorSchema })
])
export type EngineEvent = z.infer<typeof EngineEventSchema>

/**
 * The one contract between the renderer and its host (Electron IPC or the
 * browser-mode WebSocket bridge). Channels are `noun:verb`; each has a request
 * and a response schema, and main/the bridge validate every request with them.
 */
import { z } from 'zod'
import { DataConfigSchema } from './data-config'
import { ImportOptionsSchema } from './data-import'
import { DatasetInspectionSchema, InspectRequestSchema } from './data-inspection'
import type { UserErrorSchema } from './domain'
import {
  DamagedRunSchema,
  DatasetSummarySchema,
  ForecastSchema,
  RunDetailSchema,
  RunSummarySchema,
  SeriesSchema,
  TrainEpochSchema,
  TrainProgressSchema
} from './domain'
import { EngineStatusSchema } from './engine-protocol'
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
import { UploadChunkSchema, UploadFinishSchema, UploadStartSchema } from './upload'
import {
  CounterfactualJobSchema,
  CounterfactualResultSchema,
  SensitivityJobSchema,
  SensitivityResultSchema,
  WhatIfJobSchema,
  WhatIfResultSchema
} from './whatif'
import {
  SaveScenarioSchema,
  ScenarioExportFormatSchema,
  ScenarioIdSchema,
  ScenarioSchema
} from './scenario'
import {
  AppStateSchema,
  RunIdSchema,
  RunImportSchema,
  RunListItemSchema,
  RunUpdateSchema
} from './run-admin'

const None = z.undefined()

export const AppInfoSchema = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  workspace: z.string(),
  /** Whether the host can open files by path (native dialog, drag-and-drop, recent files). */
  canOpenPaths: z.boolean()
})
export type AppInfo = z.infer<typeof AppInfoSchema>

/**
 * Largest CSV accepted over the browser-mode upload (bytes). It bounds the
 * bridge's message size (src/shared/bridge-limits.ts); the desktop app opens
 * files by path, without this limit.
 */
export const MAX_UPLOAD_BYTES = 32_000_000

/**
 * A command chosen in the native menu (Electron only). Main hands it to the
 * renderer, which carries it out through the ordinary channels so that any
 * error appears next to the control that caused it.
 */
export const MenuCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('open') }),
  z.object({ type: z.literal('openSample') }),
  z.object({ type: z.literal('openPath'), path: z.string().min(1) })
])
export type MenuCommand = z.infer<typeof MenuCommandSchema>

export const invokeContract = {
  'app:info': { req: None, res: AppInfoSchema },
  'engine:status': { req: None, res: EngineStatusSchema },
  'dataset:openSample': { req: None, res: DatasetSummarySchema },
  'dataset:openPath': { req: z.object({ path: z.string().min(1) }), res: DatasetSummarySchema },
  'dataset:openDialog': { req: None, res: DatasetSummarySchema.nullable() },
  'dataset:upload': {
    req: z.object({ name: z.string().min(1).max(255), text: z.string().max(MAX_UPLOAD_BYTES) }),
    res: DatasetSummarySchema
  },
  'dataset:recent': { req: None, res: z.array(z.string()) },
  'dataset:series': {
    req: z.object({
      datasetId: z.string(),
      columns: z.array(z.string()).min(1),
      /** The column that labels the time axis; absent: the detected one; null: row numbers. */
      timeColumn: z.string().nullable().optional(),
      maxPoints: z.number().int().min(10).max(1_000_000).default(2000),
      /** Only rows from..to (inclusive; a zoomed chart asks for its visible range). */
      from: z.number().int().min(0).optional(),
      to: z.number().int().min(0).optional()
    }),
    res: SeriesSchema
  },
  /** A page of rows for the Data view's table, from the engine's cached table. */
  'dataset:rows': {
    req: RowPageRequestSchema.extend({
      datasetId: z.string(),
      timeColumn: z.string().nullable().optional()
    }),
    res: RowPageSchema
  },
  /** Browser mode's chunked upload (upload.ts): start, chunks in order, finish = open. */
  'dataset:uploadStart': { req: UploadStartSchema, res: z.object({ uploadId: z.string() }) },
  'dataset:uploadChunk': { req: UploadChunkSchema, res: z.object({ received: z.number().int() }) },
  'dataset:uploadFinish': { req: UploadFinishSchema, res: DatasetSummarySchema },
  /** Statistics, ACF, trend test, suggestions and window counts for the Data view. */
  'dataset:inspect': {
    req: InspectRequestSchema.extend({
      datasetId: z.string(),
      timeColumn: z.string().nullable().optional()
    }),
    res: DatasetInspectionSchema
  },
  /** Stop reading the file being opened (the dataset open before stays). */
  'dataset:cancelOpen': { req: None, res: z.object({ cancelled: z.boolean() }) },
  /** Read an open dataset again with other import options; answers a new dataset. */
  'dataset:reread': {
    req: z.object({ datasetId: z.string(), import: ImportOptionsSchema }),
    res: DatasetSummarySchema
  },
  'train:start': {
    req: z.object({
      datasetId: z.string(),
      /** As in dataset:series: absent means the detected time column, null means none. */
      timeColumn: z.string().nullable().optional(),
      data: DataConfigSchema,
      model: ModelConfigSchema
    }),
    res: z.object({ runId: z.string() })
  },
  'train:cancel': {
    req: z.object({ runId: z.string() }),
    res: z.object({ cancelled: z.boolean() })
  },
  'runs:list': { req: None, res: z.array(RunListItemSchema) },
  'runs:get': { req: z.object({ runId: z.string() }), res: RunDetailSchema },
  /** Folders under runs/ whose run.json cannot be read, with the reason (runs:list skips them). */
  'runs:damaged': { req: None, res: z.array(DamagedRunSchema) },
  /**
   * Continue an interrupted (or failed/cancelled) run from its last checkpoint,
   * in its own folder, up to its configured epochs. Progress and the end come
   * as train:progress, train:epoch and train:finished, as for train:start.
   */
  'runs:resume': { req: z.object({ runId: z.string() }), res: z.object({ runId: z.string() }) },
  /**
   * Keep an unfinished run's best checkpoint as its model: evaluate it on the
   * test part and make the run usable for forecasts and explanations.
   */
  'runs:useBest': { req: z.object({ runId: z.string() }), res: RunSummarySchema },
  /** The model's forecast past the end of the data, from the last window. */
  'runs:forecast': { req: z.object({ runId: z.string() }), res: ForecastSchema },
  /** Rename a run or change its notes (not while it trains: the engine owns run.json then). */
  'runs:update': { req: RunUpdateSchema, res: RunSummarySchema },
  /** Delete a run's folder (inside the workspace's runs folder only). */
  'runs:delete': { req: z.object({ runId: RunIdSchema }), res: z.object({ deleted: z.boolean() }) },
  /** The run as one zip archive (model, preprocessing, metrics, explanations), as a download. */
  'runs:export': { req: z.object({ runId: RunIdSchema }), res: ExportFileSchema },
  /** A run archive unpacked into this workspace under a new id. */
  'runs:import': { req: RunImportSchema, res: RunSummarySchema },
  /** The last view, run and comparison, restored on reopening. */
  'app:getState': { req: None, res: AppStateSchema },
  'app:setState': { req: AppStateSchema, res: AppStateSchema },
  'explain:plan': {
    req: z.object({ runId: z.string(), job: ExplainJobSchema }),
    res: ExplainPlanSchema
  },
  'explain:run': {
    req: z.object({ runId: z.string(), job: ExplainJobSchema }),
    res: ExplanationRecordSchema
  },
  'explain:cancel': {
    req: z.object({ runId: z.string() }),
    res: z.object({ cancelled: z.boolean() })
  },
  'explain:list': { req: z.object({ runId: z.string() }), res: z.array(ExplanationRecordSchema) },
  /** The bytes of an export (.json, .csv, .png, .html); the renderer saves them as a download. */
  'export:render': {
    req: z.object({
      runId: z.string(),
      explanationIds: z.array(z.string()).min(1),
      format: ExportFormatSchema,
      /** For png: which chart; default the explanation's main chart. */
      chart: ChartNameSchema.optional()
    }),
    res: ExportFileSchema
  },
  'explain:globalPlan': {
    req: z.object({ runId: z.string(), job: GlobalJobSchema }),
    res: z.object({ total: z.number().int(), exact: z.boolean() })
  },
  /** A run's saved importance-by-lag results, newest first. */
  'explain:globalList': {
    req: z.object({ runId: z.string() }),
    res: z.array(GlobalImportanceRecordSchema)
  },
  /** Importance by lag over many test windows; progress comes as explain:progress. */
  'explain:global': {
    req: z.object({ runId: z.string(), job: GlobalJobSchema }),
    res: GlobalImportanceRecordSchema
  },
  /** Forecast (and optionally fast attributions) of a test window with some cells edited. */
  'explain:whatif': {
    req: z.object({ runId: z.string(), job: WhatIfJobSchema }),
    res: WhatIfResultSchema
  },
  /** The smallest change to a test window that moves its forecast to a target. */
  'explain:counterfactual': {
    req: z.object({ runId: z.string(), job: CounterfactualJobSchema }),
    res: CounterfactualResultSchema
  },
  /** The forecast as one cell sweeps its feature's training range. */
  'explain:sensitivity': {
    req: z.object({ runId: z.string(), job: SensitivityJobSchema }),
    res: SensitivityResultSchema
  },
  /** Save an edited window as a named scenario of the run (both forecasts recomputed). */
  'scenario:save': {
    req: z.object({ runId: z.string(), scenario: SaveScenarioSchema }),
    res: ScenarioSchema
  },
  'scenario:list': {
    req: z.object({ runId: z.string() }),
    res: z.array(ScenarioSchema)
  },
  /** A saved scenario as a JSON, CSV or HTML file, rendered by the engine's export code. */
  'scenario:export': {
    req: z.object({
      runId: z.string(),
      scenarioId: ScenarioIdSchema,
      format: ScenarioExportFormatSchema
    }),
    res: ExportFileSchema
  },
  'scenario:delete': {
    req: z.object({ runId: z.string(), scenarioId: ScenarioIdSchema }),
    res: z.object({ deleted: z.literal(true) })
  }
} as const satisfies Record<string, { req: z.ZodType; res: z.ZodType }>

/** How far the engine has read the file being opened. */
export const ReadProgressSchema = z.object({
  name: z.string(),
  done: z.number(),
  total: z.number()
})
export type ReadProgress = z.infer<typeof ReadProgressSchema>

export const eventContract = {
  'dataset:progress': ReadProgressSchema,
  'explain:progress': z.object({ runId: z.string(), done: z.number(), total: z.number() }),
  'train:progress': TrainProgressSchema,
  'train:epoch': TrainEpochSchema,
  'train:finished': RunSummarySchema,
  'engine:status': EngineStatusSchema,
  'dataset:opened': DatasetSummarySchema,
  'menu:command': MenuCommandSchema
} as const satisfies Record<string, z.ZodType>

export type InvokeChannel = keyof typeof invokeContract
export type EventChannel = keyof typeof eventContract
/** What a caller passes (defaults may be omitted). */
export type Req<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['req']>
/** What a handler receives after validation (defaults filled in). */
export type ParsedReq<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['req']>
export type Res<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['res']>
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>

/** Every response crosses the boundary in this envelope, so errors keep their fields. */
export type Envelope<T> =
  { ok: true; value: T } | { ok: false; error: z.infer<typeof UserErrorSchema> }

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[]

/** Browser mode: what the renderer sends over the WebSocket bridge. */
export interface BridgeRequest {
  id: number
  channel: InvokeChannel
  payload: unknown
}

/** Browser mode: what the bridge sends back, an answer or a pushed event. */
export type BridgeMessage =
  | { kind: 'response'; id: number; envelope: Envelope<unknown> }
  | { [E in EventChannel]: { kind: 'event'; event: E; payload: EventPayload<E> } }[EventChannel]

/**
 * What a user does to runs beyond training them: rename, annotate, delete,
 * export, import, compare; and the small app state restored on reopening.
 * Schemas and limits here are shared by the contract, the services and the UI.
 */
import { z } from 'zod'
import { EpochRecordSchema, RunSummarySchema } from './domain'
import type { EpochRecord } from './domain'

export const RUN_NAME_MAX = 120
export const RUN_NOTES_MAX = 10_000

/** Same rule as the services' run-id check: a run id is a folder name and nothing else. */
export const RunIdSchema = z.string().regex(/^[\w-]{1,80}$/, 'not a run id')

export const RunUpdateSchema = z.object({
  runId: RunIdSchema,
  /** Empty clears the name (the list then shows the run's date). */
  name: z.string().trim().max(RUN_NAME_MAX).optional(),
  notes: z.string().max(RUN_NOTES_MAX).optional()
})
export type RunUpdate = z.infer<typeof RunUpdateSchema>

/** The epoch with the lowest validation loss (the weights early stopping keeps). */
export const BestEpochSchema = EpochRecordSchema.pick({ epoch: true, valLoss: true }).extend({
  valLoss: z.number()
})
export type BestEpoch = z.infer<typeof BestEpochSchema>

export function bestEpoch(history: readonly EpochRecord[]): BestEpoch | null {
  let best: BestEpoch | null = null
  for (const e of history) {
    if (e.valLoss === null || !Number.isFinite(e.valLoss)) continue
    // Ties keep the earlier epoch, as early stopping does.
    if (best === null || e.valLoss < best.valLoss) best = { epoch: e.epoch, valLoss: e.valLoss }
  }
  return best
}

/** One row of the runs list: the run's summary plus what the list derives from its history. */
export const RunListItemSchema = RunSummarySchema.extend({ best: BestEpochSchema.nullable() })
export type RunListItem = z.infer<typeof RunListItemSchema>

/** A run archive travels as one zip file. */
export const RUN_ARCHIVE_MIME = 'application/zip'
/**
 * Largest archive accepted for import (bytes, compressed). Its base64 (64 MB)
 * must fit one browser-mode bridge message (MAX_BRIDGE_MESSAGE_BYTES; a test
 * holds the two together).
 */
export const MAX_ARCHIVE_BYTES = 48_000_000
/** Largest total size an archive may unpack to (bytes); guards against zip bombs. */
export const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
/** Most entries an archive may hold. */
export const MAX_ARCHIVE_ENTRIES = 10_000

export const RunImportSchema = z.object({
  /** The archive's file name, for messages. */
  name: z.string().min(1).max(255),
  /** The archive, base64 (4 characters per 3 bytes). */
  base64: z.string().max(Math.ceil(MAX_ARCHIVE_BYTES / 3) * 4)
})

/** What the app restores on reopening: the last view, run and comparison. */
export const APP_STATE_SCHEMA = 'hindsight.app-state/1'
export const AppStateSchema = z.object({
  schema: z.literal(APP_STATE_SCHEMA).default(APP_STATE_SCHEMA),
  /** The renderer's view name; the renderer ignores one it no longer has. */
  view: z.string().max(40).nullable().default(null),
  runId: RunIdSchema.nullable().default(null),
  compare: z.array(RunIdSchema).max(20).default([])
})
export type AppState = z.infer<typeof AppStateSchema>

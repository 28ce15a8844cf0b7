/**
 * A page of a dataset's rows for the Data view's table. The renderer never
 * receives the file: it asks the engine, which keeps the parsed table, for
 * the rows it is about to show, a bounded page at a time.
 */
import { z } from 'zod'

/** Most rows one page request may ask for (a screenful is a few dozen). */
export const MAX_PAGE_ROWS = 500

export const RowPageRequestSchema = z.object({
  /** First row (0-based) of the page. */
  start: z.number().int().min(0),
  count: z.number().int().min(1).max(MAX_PAGE_ROWS)
})
export type RowPageRequest = z.infer<typeof RowPageRequestSchema>

export const RowPageSchema = z.object({
  /** First row of the page and how many rows it holds (fewer past the end). */
  start: z.number().int(),
  count: z.number().int(),
  /** Rows in the whole table. */
  rows: z.number().int(),
  /** The time column's name, or null when rows are numbered by position. */
  timeColumn: z.string().nullable(),
  /** Each row's time label, as the engine writes it (ISO date or date-time). */
  time: z.array(z.string()),
  /** The columns in file order, each with one cell per row; null is a missing cell. */
  columns: z.array(
    z.object({
      name: z.string(),
      numeric: z.boolean(),
      values: z.array(z.number().nullable())
    })
  )
})
export type RowPage = z.infer<typeof RowPageSchema>

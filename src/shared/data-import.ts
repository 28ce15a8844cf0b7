import { z } from 'zod'

/**
 * How a CSV is read: each part is detected from the file and may be
 * overridden by the user. Kept with a run's data settings, so the run, its
 * explanations and its reopening read the file exactly as the Data view did.
 */
export const DelimiterSchema = z.enum([',', ';', '\t', '|'])
export const DecimalSchema = z.enum(['.', ','])
export const EncodingSchema = z.enum(['utf-8', 'latin-1'])
export const DateFormatSchema = z.enum(['iso', 'dmy', 'mdy', 'unix-s', 'unix-ms', 'year'])
export const DuplicatePolicySchema = z.enum(['last', 'mean'])

export const ImportOptionsSchema = z.object({
  delimiter: DelimiterSchema.optional(),
  decimal: DecimalSchema.optional(),
  /** File line of the header (1-based); null: the file has no header. */
  headerLine: z.number().int().min(1).max(1000).nullable().optional(),
  encoding: EncodingSchema.optional(),
  dateFormat: DateFormatSchema.optional(),
  /** The zone of stamps written without one, as minutes east of UTC. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).optional(),
  /** Sort rows by time (when the file is out of order). */
  sort: z.boolean().optional(),
  /** Merge rows that share a timestamp. */
  duplicates: DuplicatePolicySchema.optional()
})
export type ImportOptions = z.infer<typeof ImportOptionsSchema>

/** What the importer found and used (the Data view shows it, each part overridable). */
export const ImportFactsSchema = z.object({
  encoding: EncodingSchema,
  bom: z.boolean(),
  delimiter: DelimiterSchema,
  decimal: DecimalSchema,
  headerLine: z.number().int().nullable(),
  dateFormat: DateFormatSchema.nullable(),
  /** Day-first and month-first both fit; the steps decided. */
  dateAmbiguous: z.boolean(),
  /** The stamps carry their own zone (Z or ±hh:mm). */
  zoned: z.boolean(),
  utcOffsetMinutes: z.number().int(),
  /** Rows moved into time order. */
  sorted: z.boolean(),
  /** Rows merged into others because they repeated a timestamp. */
  mergedDuplicates: z.number().int(),
  duplicates: DuplicatePolicySchema.nullable(),
  /** The header and the first rows as read (cells cut to 60 characters). */
  preview: z.object({ header: z.array(z.string()), rows: z.array(z.array(z.string())) })
})
export type ImportFacts = z.infer<typeof ImportFactsSchema>

import { z } from 'zod'
import { ImportOptionsSchema } from './data-import'

export const ScalingSchema = z.enum(['standard', 'minmax'])
export type Scaling = z.infer<typeof ScalingSchema>

/** What to do with empty cells in the chosen columns. */
export const MissingPolicySchema = z.enum(['skip', 'ffill', 'interpolate'])
export type MissingPolicy = z.infer<typeof MissingPolicySchema>

export const SplitSchema = z
  .object({
    train: z.number().gt(0).lt(1).default(0.7),
    validation: z.number().min(0).lt(1).default(0.15),
    test: z.number().gt(0).lt(1).default(0.15)
  })
  .refine((s) => Math.abs(s.train + s.validation + s.test - 1) < 1e-6, {
    message: 'train + validation + test must add up to 1'
  })
export type Split = z.infer<typeof SplitSchema>

/**
 * What the model learns: the target's value h steps ahead ('level'), or its
 * change from the last value in the window ('change'). Trending series need
 * 'change': a network fitted on past levels cannot reach levels it never saw.
 */
export const TargetModeSchema = z.enum(['level', 'change'])
export type TargetMode = z.infer<typeof TargetModeSchema>

/** How a table becomes supervised windows: the model sees [target, ...features] over T steps. */
export const DataConfigSchema = z.object({
  /** The time column: absent = the detected one, null = none (rows by position). */
  timeColumn: z.string().min(1).nullable().optional(),
  target: z.string().min(1),
  features: z.array(z.string().min(1)).default([]),
  window: z.number().int().min(1).max(10_000).default(60),
  horizon: z.number().int().min(1).max(10_000).default(1),
  split: SplitSchema.default({ train: 0.7, validation: 0.15, test: 0.15 }),
  scaling: ScalingSchema.default('standard'),
  targetMode: TargetModeSchema.default('level'),
  missing: MissingPolicySchema.default('skip'),
  /** Season length in steps for the seasonal naive forecast (e.g. 12 for monthly data). */
  seasonLength: z.number().int().min(1).max(100_000).optional(),
  /** How the file is read (delimiter, decimal, dates, sorting…): absent = as detected. */
  import: ImportOptionsSchema.optional()
})

export type DataConfig = z.output<typeof DataConfigSchema>
export type DataConfigInput = z.input<typeof DataConfigSchema>

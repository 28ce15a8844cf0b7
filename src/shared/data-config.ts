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
export const ResolvedTargetModeSchema = z.enum(['level', 'change'])
export type ResolvedTargetMode = z.infer<typeof ResolvedTargetModeSchema>

/**
 * The mode asked for: 'auto' lets the engine decide from the training part
 * alone before training (a KPSS trend test and a range check). A run stores
 * the mode it resolved to in `data.targetMode` and what was asked, with the
 * reason, in `RunSummary.targetModeChoice`, so a saved run never says 'auto'.
 */
export const TargetModeSchema = z.enum(['auto', 'level', 'change'])
export type TargetMode = z.infer<typeof TargetModeSchema>

/** Nominal coverage of each prediction interval, e.g. 0.8 for an 80 % interval. */
export const IntervalLevelsSchema = z.array(z.number().gt(0).lt(1)).max(5)
export const DEFAULT_INTERVAL_LEVELS = [0.8, 0.95]

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
  targetMode: TargetModeSchema.default('auto'),
  /**
   * Predict every step 1..horizon at once (one output per step) instead of
   * the single step `horizon`.
   */
  multiStep: z.boolean().default(false),
  /** Split-conformal prediction intervals calibrated on the validation part: their levels. */
  intervalLevels: IntervalLevelsSchema.default(DEFAULT_INTERVAL_LEVELS),
  missing: MissingPolicySchema.default('skip'),
  /** Season length in steps for the seasonal naive forecast (e.g. 12 for monthly data). */
  seasonLength: z.number().int().min(1).max(100_000).optional(),
  /** How the file is read (delimiter, decimal, dates, sorting…): absent = as detected. */
  import: ImportOptionsSchema.optional()
})

export type DataConfig = z.output<typeof DataConfigSchema>
export type DataConfigInput = z.input<typeof DataConfigSchema>

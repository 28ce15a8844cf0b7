/**
 * What-if, counterfactual and sensitivity jobs and results, as the engine, the
 * services, the CLI (and later the Explain view) exchange them. Windows are T
 * rows of F numbers in original units, in the run's column order (target
 * first); forecasts are in the target's original units.
 */
import { z } from 'zod'

/** T rows × F values, original units. */
export const WindowValuesSchema = z.array(z.array(z.number()))
export type WindowValues = z.infer<typeof WindowValuesSchema>

/** One cell set to a value: step counted from 0 (oldest), feature by column name. */
export const CellEditSchema = z.object({
  step: z.number().int().min(0),
  feature: z.string().min(1),
  value: z.number().finite()
})
export type CellEdit = z.infer<typeof CellEditSchema>

/** Fast attribution methods for an edited window (exact: Shapley over ≤ 8 segments). */
export const WHATIF_METHODS = ['exact', 'kernelshap'] as const
export const WhatIfMethodSchema = z.enum(WHATIF_METHODS)

export const WhatIfJobSchema = z.object({
  /** Test window, counted from 0. */
  index: z.number().int().min(0),
  edits: z.array(CellEditSchema),
  method: WhatIfMethodSchema.optional(),
  seed: z.number().int().default(42)
})
export type WhatIfJob = z.infer<typeof WhatIfJobSchema>

const ForecastedWindowSchema = z.object({ prediction: z.number(), window: WindowValuesSchema })

/** Attributions of the edited window, in the target's units, with their additivity check. */
export const WhatIfAttributionSchema = z.object({
  method: WhatIfMethodSchema,
  level: z.enum(['segment', 'time']),
  /** Always true: these explain the edited window, not the original. */
  forEditedWindow: z.literal(true),
  players: z.array(z.string()),
  values: z.array(z.number()),
  prediction: z.number(),
  baselinePrediction: z.number(),
  additivityGap: z.object({ absolute: z.number(), relative: z.number() }),
  modelCalls: z.number().int(),
  seconds: z.number()
})
export type WhatIfAttribution = z.infer<typeof WhatIfAttributionSchema>

export const WhatIfResultSchema = z.object({
  index: z.number().int(),
  columns: z.array(z.string()),
  time: z.array(z.string()),
  original: ForecastedWindowSchema,
  edited: ForecastedWindowSchema,
  attributions: WhatIfAttributionSchema.optional()
})
export type WhatIfResult = z.infer<typeof WhatIfResultSchema>

export const CounterfactualJobSchema = z.object({
  index: z.number().int().min(0),
  /** The forecast to reach, in the target's units. */
  target: z.number().finite(),
  lockedFeatures: z.array(z.string()).default([]),
  lockedSteps: z.array(z.number().int().min(0)).default([]),
  /** Only the last k steps may change. */
  lastSteps: z.number().int().min(1).optional(),
  maxIterations: z.number().int().min(1).max(200).default(25)
})
export type CounterfactualJob = z.infer<typeof CounterfactualJobSchema>

export const ChangedCellSchema = z.object({
  step: z.number().int(),
  feature: z.string(),
  from: z.number(),
  to: z.number()
})

export const CounterfactualResultSchema = z.object({
  index: z.number().int(),
  columns: z.array(z.string()),
  target: z.number(),
  /** Whether the forecast is within `tolerance` of the target; if not, the closest one found. */
  reached: z.boolean(),
  /** 0.5 % of the target's training range, in the target's units. */
  tolerance: z.number(),
  prediction: z.number(),
  originalPrediction: z.number(),
  window: WindowValuesSchema,
  changed: z.array(ChangedCellSchema),
  /** Σ |change| / the feature's training range, over all cells. */
  distance: z.number(),
  iterations: z.number().int(),
  modelCalls: z.number().int(),
  seconds: z.number()
})
export type CounterfactualResult = z.infer<typeof CounterfactualResultSchema>

export const SensitivityJobSchema = z.object({
  index: z.number().int().min(0),
  step: z.number().int().min(0),
  feature: z.string().min(1),
  points: z.number().int().min(3).max(401).default(41),
  /** The window's edits (as a what-if job's): the sweep is of the edited window. */
  edits: z.array(CellEditSchema).default([])
})
export type SensitivityJob = z.infer<typeof SensitivityJobSchema>

/**
 * The forecast as one cell sweeps its feature's observed training range, the
 * other cells as edited; `current` is the cell's value in the edited window.
 */
export const SensitivityResultSchema = z.object({
  index: z.number().int(),
  step: z.number().int(),
  feature: z.string(),
  range: z.tuple([z.number(), z.number()]),
  values: z.array(z.number()),
  predictions: z.array(z.number()),
  current: z.object({ value: z.number(), prediction: z.number() }),
  /** How many cells of the swept window differ from the original (0: the original window). */
  editedCells: z.number().int().min(0)
})
export type SensitivityResult = z.infer<typeof SensitivityResultSchema>

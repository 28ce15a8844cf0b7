/**
 * What-if scenarios: an edited test window saved with its run under a name,
 * with both forecasts as the engine computed them, so the file alone says
 * what was changed and what the model made of it
 * (`<run>/scenarios/<id>.json`, schema 'hindsight.scenario/1').
 */
import { z } from 'zod'
import { CellEditSchema, WindowValuesSchema } from './whatif'

export const SCENARIO_SCHEMA = 'hindsight.scenario/1'

/** File-safe ids, made by the host; anything else names no scenario. */
export const ScenarioIdSchema = z.string().regex(/^[a-z0-9]{1,40}$/)

/** A name a person typed: trimmed, 1–80 characters, no control characters. */
export const ScenarioNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  // eslint-disable-next-line no-control-regex
  .refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'no control characters')

/** Far more cells than any window has, and still a bounded request. */
const MAX_EDITS = 100_000

export const SaveScenarioSchema = z.object({
  name: ScenarioNameSchema,
  /** Test window, counted from 0. */
  index: z.number().int().min(0),
  edits: z.array(CellEditSchema).min(1).max(MAX_EDITS)
})
export type SaveScenario = z.infer<typeof SaveScenarioSchema>

const ForecastedWindowSchema = z.object({ prediction: z.number(), window: WindowValuesSchema })

export const ScenarioSchema = z.object({
  schema: z.literal(SCENARIO_SCHEMA),
  id: ScenarioIdSchema,
  name: ScenarioNameSchema,
  createdAt: z.string(),
  runId: z.string(),
  index: z.number().int().min(0),
  /** The run's column order (target first) and the window's dates. */
  columns: z.array(z.string()),
  time: z.array(z.string()),
  edits: z.array(CellEditSchema),
  original: ForecastedWindowSchema,
  edited: ForecastedWindowSchema
})
export type Scenario = z.infer<typeof ScenarioSchema>

export const ScenarioExportFormatSchema = z.enum(['json', 'csv', 'html'])
export type ScenarioExportFormat = z.infer<typeof ScenarioExportFormatSchema>

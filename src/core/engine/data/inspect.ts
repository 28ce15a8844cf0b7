import type { DataConfig, MissingPolicy } from '../../../shared/data-config'
import type {
  ColumnInspection,
  DatasetInspection,
  WindowCounts
} from '../../../shared/data-inspection'
import { splitEndRows } from '../../../shared/split'
import { analyseSteps } from './calendar'
import { columnStats } from './column-stats'
import { applyMissingPolicy } from './missing'
import { windowStarts } from './prepare'
import { suggest } from './suggest'
import { getColumn, timeLabel, type Table } from './table'

export type InspectConfig = Pick<
  DataConfig,
  'target' | 'features' | 'window' | 'horizon' | 'split'
> & {
  /** Count the windows a multi-step model keeps (every step's label present); default false. */
  multiStep?: boolean | undefined
  /** Lags of the ACF (default: a third of the rows, at most 400). */
  maxLag?: number | undefined
}

/**
 * Everything the Data view and `inspect` show about a table: per-column
 * statistics and suggestions, the calendar, and the windows each
 * missing-value policy keeps for the given target, inputs and window.
 */
export function inspectTable(table: Table, config: InspectConfig): DatasetInspection {
  const { trainEndRow, validationEndRow } = splitEndRows(table.rows, config.split)
  const columns = table.columns.map((c): ColumnInspection => {
    const stats = columnStats(c.values)
    if (!c.numeric) {
      return {
        name: c.name,
        type: 'text',
        count: table.rows - c.missing,
        missing: c.missing,
        min: null,
        max: null,
        mean: null,
        std: null,
        histogram: null,
        acf: null,
        suggestedSeason: null,
        suggestedWindow: null,
        trend: null,
        suggestedTargetMode: null
      }
    }
    const s = suggest(c.values, trainEndRow, config.maxLag)
    const trend = s?.trend ?? null
    return {
      name: c.name,
      type: 'numeric',
      ...stats,
      acf: s
        ? { values: [...s.acf.values], band: s.acf.band, differenced: s.acf.differenced }
        : null,
      suggestedSeason: s?.season ?? null,
      suggestedWindow: s?.window ?? null,
      trend,
      suggestedTargetMode: trend ? (trend.present ? 'change' : 'level') : null
    }
  })
  const steps = table.time ? analyseSteps(table.time) : null
  return {
    rows: table.rows,
    timeColumn: table.timeColumn,
    step: steps
      ? {
          unit: steps.unit,
          size: steps.size,
          missingStamps: steps.missingStamps,
          breaks: steps.breaks.map((row) => ({ row, time: timeLabel(table, row) }))
        }
      : null,
    irregularSteps: steps?.irregularSteps ?? 0,
    columns,
    windowing: {
      target: config.target,
      features: config.features.filter((f) => f !== config.target),
      window: config.window,
      horizon: config.horizon,
      multiStep: config.multiStep ?? false,
      trainEndRow,
      validationEndRow
    },
    windowsByPolicy: {
      skip: countWindows(table, config, 'skip'),
      ffill: countWindows(table, config, 'ffill'),
      interpolate: countWindows(table, config, 'interpolate')
    },
    import: table.import ?? null
  }
}

/** The windows one policy keeps per part, by the same rule training applies. */
export function countWindows(
  table: Table,
  config: InspectConfig,
  policy: MissingPolicy
): WindowCounts {
  const names = [config.target, ...config.features.filter((f) => f !== config.target)]
  const raw = names.map((n) => getColumn(table, n))
  if (raw.some((c) => !c || !c.numeric)) return { train: 0, validation: 0, test: 0, skipped: 0 }
  const values = raw.map((c) => c!.values)
  const filled = values.map((v) => applyMissingPolicy(v, policy))
  const w = windowStarts(
    filled,
    values[0]!,
    config.window,
    config.horizon,
    config.split,
    config.multiStep ?? false
  )
  return {
    train: w.train.length,
    validation: w.validation.length,
    test: w.test.length,
    skipped: w.skipped
  }
}

import { resolve } from 'node:path'
import type { Command } from 'commander'
import { DataConfigSchema } from '../../shared/data-config'
import { ImportOptionsSchema } from '../../shared/data-import'
import type { ColumnInspection, DatasetInspection } from '../../shared/data-inspection'
import { UserFacingError } from '../../core/errors'
import { given, int } from '../options'
import { withServices } from '../session'

interface InspectOptions {
  data: string
  target?: string
  features?: string
  window?: number
  horizon?: number
  multiStep?: boolean
  maxLag?: number
  delimiter?: string
  decimal?: string
  headerLine?: string
  encoding?: string
  dateFormat?: string
  utcOffset?: number
  sort?: boolean
  duplicates?: string
  json?: boolean
}

export function inspectCommand(program: Command): void {
  program
    .command('inspect')
    .description(
      'Describe a CSV: columns, gaps, autocorrelation, trend, and the suggested season, window and target mode.'
    )
    .requiredOption('--data <file>', 'CSV file')
    .option('--target <column>', 'column the window counts are for (default: the first numeric)')
    .option('--features <a,b>', 'input columns besides the target, for the window counts')
    .option(
      '--window <T>',
      'window for the counts per missing-value policy (default 60)',
      int('--window')
    )
    .option('--horizon <h>', 'horizon for those counts (default 1)', int('--horizon'))
    .option('--multi-step', 'count windows a multi-step model keeps (every step 1..h labelled)')
    .option(
      '--max-lag <k>',
      'autocorrelation lags (default a third of the rows, at most 400)',
      int('--max-lag')
    )
    .option('--delimiter <d>', 'override the detected delimiter: , ; tab |')
    .option('--decimal <c>', 'override the decimal separator: . or ,')
    .option('--header-line <n|none>', 'file line of the header, or none')
    .option('--encoding <e>', 'utf-8 or latin-1')
    .option('--date-format <f>', 'iso, dmy, mdy, unix-s, unix-ms or year')
    .option(
      '--utc-offset <minutes>',
      'zone of stamps written without one, minutes east of UTC',
      int('--utc-offset')
    )
    .option('--sort', 'sort rows by time when the file is out of order')
    .option('--duplicates <policy>', 'merge rows that repeat a timestamp: last or mean')
    .option('--json', 'print the facts as one JSON line')
    .action(inspect)
}

async function inspect(opts: InspectOptions): Promise<void> {
  const importOptions = ImportOptionsSchema.parse(
    given({
      delimiter: opts.delimiter === 'tab' ? '\t' : opts.delimiter,
      decimal: opts.decimal,
      headerLine:
        opts.headerLine === undefined
          ? undefined
          : opts.headerLine === 'none'
            ? null
            : Number(opts.headerLine),
      encoding: opts.encoding,
      dateFormat: opts.dateFormat,
      utcOffsetMinutes: opts.utcOffset,
      sort: opts.sort,
      duplicates: opts.duplicates
    })
  )
  const defaults = DataConfigSchema.shape
  const facts = await withServices(
    (runId) => runId,
    async (services) => {
      const h = services.handlers
      let summary = await h['dataset:openPath']({ path: resolve(opts.data) })
      if (Object.keys(importOptions).length > 0) {
        summary = await h['dataset:reread']({ datasetId: summary.id, import: importOptions })
      }
      const numeric = summary.columns.filter((c) => c.numeric).map((c) => c.name)
      const target = opts.target ?? numeric[0]
      if (target === undefined) {
        throw new UserFacingError('no-numeric-column', `${summary.name} has no numeric column.`)
      }
      return h['dataset:inspect']({
        datasetId: summary.id,
        target,
        features: opts.features ? opts.features.split(',').map((s) => s.trim()) : [],
        window: opts.window ?? defaults.window.parse(undefined),
        horizon: opts.horizon ?? defaults.horizon.parse(undefined),
        split: { train: 0.7, validation: 0.15 },
        multiStep: opts.multiStep === true,
        ...(opts.maxLag === undefined ? {} : { maxLag: opts.maxLag })
      })
    }
  )
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(facts)}\n`)
    return
  }
  process.stdout.write(describe(facts))
}

const num = (x: number | null): string => (x === null ? '–' : Number(x.toPrecision(6)).toString())

function stepText(f: DatasetInspection): string {
  if (!f.step) return 'rows by position (no time column)'
  const { unit, size } = f.step
  if (unit === 'month')
    return size === 12 ? 'yearly' : size === 3 ? 'quarterly' : `${size} month(s)`
  if (unit === 'business-day') return `${size} business day(s) (weekends skipped)`
  const hours = size / 3_600_000
  return hours % 24 === 0 ? `${hours / 24} day(s)` : `${hours} hour(s)`
}

function describeColumn(c: ColumnInspection): string {
  if (c.type === 'text') return `  ${c.name}: text (${c.count} cells)`
  const lines = [
    `  ${c.name}: n=${c.count} missing=${c.missing} min=${num(c.min)} max=${num(c.max)} mean=${num(c.mean)} std=${num(c.std)}`
  ]
  if (c.suggestedSeason)
    lines.push(`    season ${c.suggestedSeason.lag}: ${c.suggestedSeason.reason}`)
  if (c.suggestedWindow)
    lines.push(`    window ${c.suggestedWindow.steps}: ${c.suggestedWindow.reason}`)
  if (c.trend) lines.push(`    target mode ${c.suggestedTargetMode}: ${c.trend.reason}`)
  return lines.join('\n')
}

function describe(f: DatasetInspection): string {
  const w = f.windowing
  const policies = (['skip', 'ffill', 'interpolate'] as const)
    .map((p) => {
      const c = f.windowsByPolicy[p]
      return `  ${p}: ${c.train} train, ${c.validation} validation, ${c.test} test (${c.skipped} skipped)`
    })
    .join('\n')
  return [
    `${f.rows} rows; time: ${f.timeColumn ?? 'none'}; step: ${stepText(f)}; irregular steps: ${f.irregularSteps}`,
    ...f.columns.map(describeColumn),
    `Windows of ${w.window} (+${w.multiStep ? `1..${w.horizon}` : w.horizon}) for ${[w.target, ...w.features].join(', ')}, per missing-value policy:`,
    policies,
    ''
  ].join('\n')
}

import type { ExplanationRecord, ExportFile, ExportFormat } from '../../shared/explanation'
import {
  explanationChartNames,
  mainChartName,
  renderExplanationChart,
  type ChartName
} from './explanation-charts'
import { explanationToCsv } from './explanation-csv'
import { explanationReportHtml } from './explanation-report'
import { UserFacingError } from '../errors'
import { trustReportEn } from '../../shared/explanation-trust-text'
import type { Scenario, ScenarioExportFormat } from '../../shared/scenario'
import { scenarioCsv, scenarioJson, scenarioReportHtml } from './scenario-export'

/**
 * The bytes of an export, the one place that turns explanations into files:
 * - json  the record itself (ExplanationRecordSchema, 'hindsight.explanation/1'), plus
 *         `trust`: each check's verdict in the app's words (derived, not part of the schema);
 * - csv   long form, one row per input cell (explanationToCsv);
 * - png   one chart, by default the record's main one: the cell heatmap at
 *         cell level, the per-step bars under the input series at time level,
 *         the per-feature bars at feature level;
 * - html  a self-contained report with every chart embedded, for one record or several.
 * The app's exports and the CLI's --out both come from here, through the
 * engine: rendering charts is CPU work, never done in Electron's main process.
 */
export async function renderExport(
  records: readonly ExplanationRecord[],
  format: ExportFormat,
  chart?: ChartName
): Promise<ExportFile> {
  const first = records[0]
  if (!first) throw new UserFacingError('empty-export', 'Pick at least one explanation to export.')
  const stem = records.length === 1 ? `hindsight-${first.id}` : `hindsight-report-${first.runId}`
  const one = (): ExplanationRecord => {
    if (records.length !== 1) {
      throw new UserFacingError(
        'one-explanation',
        `A .${format} export holds one explanation; use HTML for several.`
      )
    }
    return first
  }
  switch (format) {
    case 'json':
      return text(
        `${stem}.json`,
        'application/json',
        `${JSON.stringify({ ...one(), trust: trustReportEn(one()) }, null, 2)}\n`
      )
    case 'csv':
      return text(`${stem}.csv`, 'text/csv', explanationToCsv(one()))
    case 'html':
      return text(`${stem}.html`, 'text/html', await explanationReportHtml(records))
    case 'png': {
      const record = one()
      const name = chart ?? mainChartName(record)
      if (!explanationChartNames(record).includes(name)) {
        throw new UserFacingError(
          'no-such-chart',
          `This ${record.level}-level explanation has no ${name} chart.`
        )
      }
      const png = (await renderExplanationChart(record, name)).png
      return { fileName: `${stem}-${name}.png`, mime: 'image/png', base64: png.toString('base64') }
    }
    default:
      throw new Error(`Unknown export format ${String(format satisfies never)}`)
  }
}

/**
 * A what-if scenario as a file: json (the scenario with its changed cells),
 * csv (one row per cell, original and edited, then the forecasts) or html (a
 * self-contained report with each input's window, original and edited).
 */
export function renderScenarioExport(scenario: Scenario, format: ScenarioExportFormat): ExportFile {
  const stem = `hindsight-scenario-${scenario.id}`
  switch (format) {
    case 'json':
      return text(`${stem}.json`, 'application/json', scenarioJson(scenario))
    case 'csv':
      return text(`${stem}.csv`, 'text/csv', scenarioCsv(scenario))
    case 'html':
      return text(`${stem}.html`, 'text/html', scenarioReportHtml(scenario))
    default:
      throw new Error(`Unknown format ${String(format satisfies never)}`)
  }
}

function text(
  fileName: string,
  mime: string,
  body: string
): { fileName: string; mime: string; base64: string } {
  return { fileName, mime, base64: Buffer.from(body, 'utf8').toString('base64') }
}

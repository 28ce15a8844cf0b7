import { basename, extname, join } from 'node:path'
import type { ExplanationRecord } from '../../shared/explanation'
import { writeFileAtomic, writeJsonAtomic } from '../runs/atomic-write'
import { UserFacingError } from '../errors'
import { explanationToCsv } from './explanation-csv'
import {
  explanationChartNames,
  mainChartName,
  renderExplanationChart,
  type ChartName
} from './explanation-charts'
import { explanationReportHtml, type ReportOptions } from './explanation-report'

export type ExportFormat = 'json' | 'csv' | 'png' | 'html'

const FORMATS: Record<string, ExportFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.png': 'png',
  '.html': 'html',
  '.htm': 'html'
}

/**
 * The format a file name asks for, by extension (case-insensitive; .htm is
 * .html). Anything else is refused with the message writeExplanationFile would
 * give, so a caller can check --out before spending minutes on an explanation.
 */
export function exportFormatOf(path: string): ExportFormat {
  const ext = extname(path).toLowerCase()
  const format = FORMATS[ext]
  if (format) return format
  throw new UserFacingError(
    'bad-export-format',
    `Cannot write "${path}": ${ext === '' ? 'the name has no extension' : `"${ext}" is not a format Hindsight writes`}. Use a file name ending in .json, .csv, .png or .html.`,
    { file: path }
  )
}

/**
 * Write an explanation in the format its extension names, atomically:
 * - .json  the record itself (ExplanationRecordSchema, 'hindsight.explanation/1');
 * - .csv   long form, one row per input cell (explanationToCsv);
 * - .png   the record's main chart: the cell heatmap at cell level, the per-step
 *          bars under the input series at time level, the per-feature bars at
 *          feature level. A .png holds one image, so the other charts (and the
 *          deletion curves) need writeExplanationCharts or the .html report;
 * - .html  a self-contained report with every chart embedded.
 */
export async function writeExplanationFile(path: string, record: ExplanationRecord): Promise<void> {
  const format = exportFormatOf(path)
  switch (format) {
    case 'json':
      return writeJsonAtomic(path, record)
    case 'csv':
      return writeFileAtomic(path, explanationToCsv(record))
    case 'png': {
      const chart = await renderExplanationChart(record, mainChartName(record))
      return writeFileAtomic(path, chart.png)
    }
    case 'html':
      return writeFileAtomic(path, await explanationReportHtml([record]))
    default:
      throw new Error(`Unknown format ${String(format satisfies never)}`)
  }
}

/**
 * Every chart of a record as its own PNG in `dir`: `<stem>-<chart>.png`, where
 * the stem defaults to the record id and chart is heatmap, steps, features or
 * deletion (whichever the record has; see explanationChartNames). Returns the
 * paths written, in report order.
 */
export async function writeExplanationCharts(
  dir: string,
  record: ExplanationRecord,
  stem: string = record.id
): Promise<string[]> {
  const written: string[] = []
  for (const name of explanationChartNames(record)) {
    const path = join(dir, chartFileName(stem, name))
    const chart = await renderExplanationChart(record, name)
    await writeFileAtomic(path, chart.png)
    written.push(path)
  }
  return written
}

/** One HTML report for a set of explanations (e.g. several methods on one window). */
export async function writeExplanationReport(
  path: string,
  records: readonly ExplanationRecord[],
  options: ReportOptions = {}
): Promise<void> {
  if (extname(path).toLowerCase() !== '.html' && extname(path).toLowerCase() !== '.htm') {
    throw new UserFacingError(
      'bad-export-format',
      `Cannot write the report to "${path}": use a file name ending in .html.`,
      { file: path }
    )
  }
  await writeFileAtomic(path, await explanationReportHtml(records, options))
}

function chartFileName(stem: string, chart: ChartName): string {
  // The stem may come from a user-chosen name: keep it to one path segment.
  const safe = basename(stem).replace(/[^\w.-]+/g, '_') || 'explanation'
  return `${safe}-${chart}.png`
}

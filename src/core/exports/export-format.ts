import { extname } from 'node:path'
import type { ExportFormat } from '../../shared/explanation'
import { UserFacingError } from '../errors'

const FORMATS: Record<string, ExportFormat> = {
  '.json': 'json',
  '.csv': 'csv',
  '.png': 'png',
  '.html': 'html',
  '.htm': 'html'
}

/**
 * The format a file name asks for, by extension (case-insensitive; .htm is
 * .html), so the CLI can check --out before spending minutes on an explanation.
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

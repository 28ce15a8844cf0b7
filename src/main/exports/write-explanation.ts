import { extname } from 'node:path'
import type { ExplanationRecord } from '../../shared/explanation'
import { writeFileAtomic, writeJsonAtomic } from '../runs/atomic-write'
import { UserFacingError } from '../services/user-error'
import { explanationToCsv } from './explanation-csv'

/** Write an explanation in the format its extension names, atomically. */
export async function writeExplanationFile(path: string, record: ExplanationRecord): Promise<void> {
  const ext = extname(path).toLowerCase()
  switch (ext) {
    case '.json':
      return writeJsonAtomic(path, record)
    case '.csv':
      return writeFileAtomic(path, explanationToCsv(record))
    default:
      throw new UserFacingError(
        'bad-export-format',
        `Cannot write "${path}": use a .json or .csv file name.`
      )
  }
}

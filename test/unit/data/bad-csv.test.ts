import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData } from '../../../src/core/engine/data/prepare'
import { UserFacingError } from '../../../src/core/errors'
import { DataConfigSchema, type DataConfigInput } from '../../../src/shared/data-config'
import { repoRoot } from '../../helpers/paths'

const CORPUS = join(repoRoot, 'test/fixtures/bad-csv')

interface Expected {
  code: string
  /** The file line the message names (absent where the file has none: empty, binary). */
  line?: number
  /** The column the message names. */
  column?: string
  /** Settings to prepare training data with, for faults that show only then. */
  config?: DataConfigInput
  /** Text the message must say. */
  says?: RegExp
}

/** Every file in the corpus and what its message must name. */
const EXPECTED: Record<string, Expected> = {
  'empty.csv': { code: 'empty-file', says: /is empty/ },
  'header-only.csv': { code: 'no-rows', says: /header but no data rows/ },
  'binary.csv': { code: 'not-text', says: /not a text CSV/ },
  'ragged-rows.csv': { code: 'ragged-row', line: 4, column: 'sales', says: /expected 3 fields/ },
  'text-in-numeric.csv': { code: 'no-numeric-column', line: 4, column: 'sales', says: /"twelve"/ },
  'all-missing-target.csv': {
    code: 'non-numeric',
    line: 2,
    column: 'sales',
    config: { target: 'sales', window: 3 },
    says: /every cell is empty/
  },
  'too-short.csv': {
    code: 'too-few-rows',
    line: 9,
    column: 'sales',
    config: { target: 'sales', window: 12 },
    says: /8 rows \(lines 2–9\) are fewer than window \(12\)/
  },
  'mixed-dates.csv': {
    code: 'bad-time',
    line: 5,
    column: 'date',
    says: /"04\/01\/2021" is not in the column's date format, YYYY-MM-DD/
  },
  // The quoted fields span lines 2–3 and 4–6, so the 4-field row is on line 7, not record 4.
  'quoted-newlines.csv': { code: 'ragged-row', line: 7, column: 'sales', says: /found 4/ },
  'unclosed-quote.csv': { code: 'unclosed-quote', line: 3, column: 'note' },
  'huge-field.csv': { code: 'field-too-long', line: 3, column: 'note', says: /65,536 characters/ },
  'long-text-cell.csv': {
    code: 'no-numeric-column',
    line: 3,
    column: 'sales',
    says: /"Lorem ipsum/
  },
  'long-header.csv': { code: 'bad-header', line: 1, says: /appears twice/ },
  'unsorted.csv': { code: 'unsorted-time', line: 4, column: 'date', says: /Sort the rows by time/ },
  'duplicate-times.csv': { code: 'duplicate-time', line: 4, column: 'date', says: /keep the last/ },
  'too-many-columns.csv': { code: 'too-many-columns', line: 1, says: /more than 2,000 columns/ }
}

/** What the importer does with a file: read it, then (given settings) make training windows. */
async function importFile(path: string, config?: DataConfigInput): Promise<void> {
  const table = await readCsv(path)
  if (config) prepareData(table, DataConfigSchema.parse(config))
}

describe('the bad-CSV corpus (test/fixtures/bad-csv)', () => {
  it('has an expectation for every file and a file for every expectation', () => {
    expect(
      readdirSync(CORPUS)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    ).toEqual(Object.keys(EXPECTED).sort())
  })

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.code}`, async () => {
      const error = await importFile(join(CORPUS, file), expected.config).then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(UserFacingError)
      const e = error as UserFacingError
      expect(e.code).toBe(expected.code)
      expect(e.file).toBe(file)
      expect(e.message.startsWith(file)).toBe(true)
      if (expected.line !== undefined) {
        expect(e.row).toBe(expected.line)
        expect(e.message).toMatch(new RegExp(`lines? (\\d+–)?${expected.line}\\b`))
      }
      if (expected.column !== undefined) {
        expect(e.column).toBe(expected.column)
        expect(e.message).toContain(`column "${expected.column}"`)
      }
      if (expected.says) expect(e.message).toMatch(expected.says)
      // Messages quote at most ~40 characters of any cell or header.
      for (const quoted of e.message.match(/"[^"]*"/g) ?? [])
        expect(quoted.length).toBeLessThanOrEqual(42)
      expect(e.message.length).toBeLessThan(400)
    })
  }
})

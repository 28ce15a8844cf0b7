/**
 * Import benchmark: a generated 1,000,000-row × 5-column CSV read by the
 * engine's importer, then summarised and inspected as the Data view asks.
 * Each measurement runs in a fresh child process, so that its peak RSS is
 * the importer's own (not tfjs's, loaded by other sections).
 */
import { execFileSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { BenchRow } from './training'

const ROWS = 1_000_000

/** date + 5 numeric columns, minute steps, some missing cells. */
export async function writeCsv(path: string, rows = ROWS): Promise<void> {
  const out = createWriteStream(path)
  out.write('time,a,b,c,d,e\n')
  const start = Date.UTC(2000, 0, 1)
  let chunk = ''
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + i * 60_000).toISOString().slice(0, 19)
    const missing = i % 997 === 0 ? '' : ((i % 1009) / 7).toFixed(3)
    chunk += `${t},${Math.sin(i / 60).toFixed(4)},${missing},${i % 13},${(i * 0.5).toFixed(1)},${-i}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
      chunk = ''
    }
  }
  out.end(chunk)
  await new Promise<void>((r) => out.once('finish', () => r()))
}

interface ChildResult {
  readSeconds: number
  summarySeconds: number
  inspectSeconds: number
  peakRssMb: number
}

interface TokenizeResult {
  ownSeconds: number
  papaSeconds: number
  records: number
}

/**
 * The importer's own tokenizer against papaparse (the reader it replaced) on the
 * same decoded text, records counted and dropped: the side-by-side measurement
 * that justifies a hand-written tokenizer (it also tracks file lines through
 * quoted newlines and bounds field, column and record sizes).
 */
async function tokenizeChild(path: string): Promise<void> {
  const { readFile } = await import('node:fs/promises')
  const { CsvTokenizer } = await import('../src/core/engine/data/tokenizer')
  const { CSV_LIMITS } = await import('../src/core/engine/data/limits')
  const Papa = (await import('papaparse')).default
  const text = await readFile(path, 'utf8')
  const best = (run: () => number): { seconds: number; records: number } => {
    let seconds = Infinity
    let records = 0
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now()
      records = run()
      seconds = Math.min(seconds, (performance.now() - t0) / 1000)
    }
    return { seconds, records }
  }
  const own = best(() => {
    let n = 0
    const t = new CsvTokenizer(',', () => (n += 1), CSV_LIMITS)
    for (let i = 0; i < text.length; i += 1 << 20) t.push(text.slice(i, i + (1 << 20)))
    t.end()
    return n
  })
  const papa = best(() => {
    let n = 0
    Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true, step: () => (n += 1) })
    return n
  })
  const result: TokenizeResult = {
    ownSeconds: own.seconds,
    papaSeconds: papa.seconds,
    records: own.records === papa.records ? own.records : -1
  }
  process.stdout.write(JSON.stringify(result))
}

async function child(path: string): Promise<void> {
  const { readCsv } = await import('../src/core/engine/data/csv-reader')
  const { summarizeTable } = await import('../src/core/engine/data/summarize')
  const { inspectTable } = await import('../src/core/engine/data/inspect')
  const t0 = performance.now()
  const table = await readCsv(path)
  const t1 = performance.now()
  summarizeTable(table, 'bench')
  const t2 = performance.now()
  inspectTable(table, {
    target: 'a',
    features: ['b'],
    window: 60,
    horizon: 1,
    split: { train: 0.7, validation: 0.15, test: 0.15 }
  })
  const t3 = performance.now()
  const result: ChildResult = {
    readSeconds: (t1 - t0) / 1000,
    summarySeconds: (t2 - t1) / 1000,
    inspectSeconds: (t3 - t2) / 1000,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024
  }
  process.stdout.write(JSON.stringify(result))
}

export async function benchImport(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-bench-import-'))
  try {
    const path = join(dir, 'million.csv')
    await writeCsv(path)
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', resolve(__dirname, 'import.ts'), '--child', path],
      { encoding: 'utf8', maxBuffer: 1 << 20 }
    )
    const r = JSON.parse(out) as ChildResult
    const note = `${ROWS.toLocaleString('en-US')} rows × 5 columns + time`
    const tok = JSON.parse(
      execFileSync(
        process.execPath,
        ['--import', 'tsx', resolve(__dirname, 'import.ts'), '--tokenize', path],
        { encoding: 'utf8', maxBuffer: 1 << 20 }
      )
    ) as TokenizeResult
    const same = tok.records >= 0 ? 'same record count' : 'RECORD COUNTS DIFFER'
    return [
      {
        bench: 'tokenize: own tokenizer',
        backend: 'engine',
        value: tok.ownSeconds,
        unit: 's',
        note
      },
      {
        bench: 'tokenize: papaparse (same text)',
        backend: 'papaparse',
        value: tok.papaSeconds,
        unit: 's',
        note: `${(tok.papaSeconds / tok.ownSeconds).toFixed(2)}× the own tokenizer's time; ${same}`
      },
      { bench: 'import (read + parse)', backend: 'engine', value: r.readSeconds, unit: 's', note },
      { bench: 'summary', backend: 'engine', value: r.summarySeconds, unit: 's', note },
      {
        bench: 'inspect (stats, ACF, KPSS, window counts)',
        backend: 'engine',
        value: r.inspectSeconds,
        unit: 's',
        note
      },
      {
        bench: 'peak RSS',
        backend: 'engine',
        value: r.peakRssMb,
        unit: 'MB',
        note: 'child process'
      }
    ]
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[2] === '--tokenize' && process.argv[3]) {
  void tokenizeChild(process.argv[3]).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}

if (process.argv[2] === '--child' && process.argv[3]) {
  void child(process.argv[3]).catch((error: unknown) => {
    console.error(error)
    process.exitCode = 1
  })
}

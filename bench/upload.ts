/**
 * Browser-mode upload benchmark: a generated CSV (date + 5 numeric columns)
 * opened through the page, timed from choosing the file to the summary on
 * screen, while probes measure how long the page stops responding: the
 * largest gap between 10 ms timer ticks in the page, and the slowest round
 * trip of a trivial page evaluation from outside.
 *
 * Two ways, side by side on the same server and page:
 * - chunked: the app's own upload (File.slice chunks over the bridge);
 * - whole-file: what the app did before, replayed in the page (file.text(),
 *   one JSON message with the whole text over the same socket). It is
 *   limited to MAX_UPLOAD_BYTES, so it runs on a file that fits.
 *
 * Needs the built renderer (`npm run build:renderer`); the server runs from
 * the sources (tsx), as in `serverMode: 'source'` e2e.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { MAX_UPLOAD_BYTES } from '../src/shared/ipc-contract'
import { writeCsv } from './import'
import type { BenchRow } from './training'
import { startServeProcess, type ServeProcess } from '../test/e2e/serve-process'

const ROOT = resolve(__dirname, '..')
/** Runs of each measurement; the median is reported. */
const REPEATS = 3
const CHROMIUM = process.env['HINDSIGHT_CHROMIUM'] ?? '/usr/bin/chromium'

function startServer(workspace: string): Promise<ServeProcess> {
  return startServeProcess({
    cwd: ROOT,
    args: ['--import', 'tsx', 'src/bridge/serve.ts'],
    env: { ...process.env, HINDSIGHT_WORKSPACE: workspace }
  })
}

interface Measured {
  seconds: number
  /** Longest gap between 10 ms ticks, from choosing the file to the summary drawn. */
  maxTickGapMs: number
  /** The same while the file is being sent (before the engine reads it). */
  uploadGapMs: number
  /** Longest main-thread task while sending (0: none over 50 ms). */
  longTaskMs: number
  maxEvalMs: number
}

/** Runs `work` while the page's timer probe and an evaluation probe from outside watch. */
async function probed(page: Page, work: () => Promise<void>): Promise<Measured> {
  // In-page code as text: this file is compiled without the DOM library.
  await page.evaluate(`(() => {
    const probe = { last: performance.now(), max: 0, uploadMax: 0, uploading: false, id: 0 }
    // Uploading: the app says so, or the replayed whole-file upload has not been answered.
    const uploading = () =>
      globalThis.benchUploading === true ||
      (document.querySelector('[data-testid="open-progress-text"]')?.textContent ?? '').startsWith('Uploading')
    // Long tasks (over 50 ms) on the page's main thread, while sending: the page's own work.
    probe.longTask = 0
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (uploading()) probe.longTask = Math.max(probe.longTask, e.duration)
      }
    }).observe({ type: 'longtask' })
    probe.id = setInterval(() => {
      const now = performance.now()
      const up = uploading()
      probe.max = Math.max(probe.max, now - probe.last)
      if (up || probe.uploading) probe.uploadMax = Math.max(probe.uploadMax, now - probe.last)
      probe.uploading = up
      probe.last = now
    }, 10)
    globalThis.benchProbe = probe
  })()`)
  let running = true
  let maxEvalMs = 0
  const evaluations = (async () => {
    while (running) {
      const t0 = performance.now()
      await page.evaluate(() => 1)
      maxEvalMs = Math.max(maxEvalMs, performance.now() - t0)
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const t0 = performance.now()
  try {
    await work()
  } finally {
    running = false
    await evaluations.catch(() => undefined)
  }
  const seconds = (performance.now() - t0) / 1000
  const [maxTickGapMs, uploadGapMs, longTaskMs] = await page.evaluate<[number, number, number]>(
    '(() => { const p = globalThis.benchProbe; clearInterval(p.id); return [p.max, p.uploadMax, p.longTask] })()'
  )
  return { seconds, maxTickGapMs, uploadGapMs, longTaskMs, maxEvalMs }
}

/** The app's chunked upload, until the summary names the file. */
async function chunked(page: Page, path: string, name: string): Promise<Measured> {
  return probed(page, async () => {
    await page.getByTestId('upload-input').setInputFiles(path)
    await page
      .getByTestId('dataset-summary')
      .filter({ hasText: name })
      .waitFor({ timeout: 120_000 })
  })
}

/** The former whole-file upload, replayed in the page on the same socket protocol. */
async function wholeFile(page: Page, path: string): Promise<Measured> {
  await page.evaluate(
    "(() => { const i = document.createElement('input'); i.type = 'file'; i.id = 'bench-file'; document.body.append(i) })()"
  )
  await page.locator('#bench-file').setInputFiles(path)
  return probed(page, async () => {
    const error = await page.evaluate<string | null>(`(async () => {
      const file = document.querySelector('#bench-file').files[0]
      const ws = new WebSocket(new URL('ws', location.href).href.replace(/^http/, 'ws'))
      await new Promise((r) => (ws.onopen = r))
      const reply = new Promise((r) => (ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data))
        if (m.kind === 'response' && m.id === 1) r(m)
      }))
      // What the app's upload did: the whole file as text, in one JSON message.
      globalThis.benchUploading = true
      const text = await file.text()
      ws.send(JSON.stringify({ id: 1, channel: 'dataset:upload', payload: { name: file.name, text } }))
      const answer = await reply
      globalThis.benchUploading = false
      ws.close()
      return answer.envelope.ok ? null : JSON.stringify(answer.envelope.error)
    })()`)
    if (error) throw new Error(`whole-file upload failed: ${error}`)
  })
}

function rows(label: string, rowsInFile: number, bytes: number, m: Measured): BenchRow[] {
  const note = `median of ${REPEATS}; ${rowsInFile.toLocaleString('en-US')} rows × 5 columns, ${(bytes / 1e6).toFixed(0)} MB`
  return [
    {
      bench: `${label}: choose file → summary`,
      backend: 'browser',
      value: m.seconds,
      unit: 's',
      note
    },
    {
      bench: `${label}: longest page stall, file → summary drawn`,
      backend: 'browser',
      value: m.maxTickGapMs,
      unit: 'ms',
      note
    },
    {
      bench: `${label}: longest page stall while sending`,
      backend: 'browser',
      value: m.uploadGapMs,
      unit: 'ms',
      note
    },
    {
      bench: `${label}: longest main-thread task while sending`,
      backend: 'browser',
      value: m.longTaskMs,
      unit: 'ms',
      note
    },
    {
      bench: `${label}: slowest page evaluation`,
      backend: 'browser',
      value: m.maxEvalMs,
      unit: 'ms',
      note
    }
  ]
}

export async function benchUpload(): Promise<BenchRow[]> {
  if (!existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error('bench upload needs the built renderer: run `npm run build:renderer` first')
  }
  const dir = await mkdtemp(join(tmpdir(), 'hindsight-bench-upload-'))
  const { child, url } = await startServer(join(dir, 'workspace'))
  const browser = await chromium.launch({ executablePath: CHROMIUM })
  try {
    const out: BenchRow[] = []
    // A file the whole-file upload accepts (under MAX_UPLOAD_BYTES), both ways.
    const smallRows = 400_000
    const small = join(dir, 'fits.csv')
    await writeCsv(small, smallRows)
    const smallBytes = (await stat(small)).size
    if (smallBytes > MAX_UPLOAD_BYTES) throw new Error('the comparison file is over the old limit')
    const million = join(dir, 'million.csv')
    await writeCsv(million, 1_000_000)
    const millionBytes = (await stat(million)).size
    /** Each way REPEATS times on a fresh page; the median of each measure (the machine is shared). */
    const measure = async (run: (p: Page) => Promise<Measured>): Promise<Measured> => {
      const runs: Measured[] = []
      for (let i = 0; i < REPEATS; i++) {
        const page = await browser.newPage()
        await page.goto(url)
        await page.getByTestId('dataset-summary').waitFor()
        runs.push(await run(page))
        await page.close()
      }
      const median = (pick: (m: Measured) => number): number =>
        runs.map(pick).sort((x, y) => x - y)[Math.floor(runs.length / 2)]!
      return {
        seconds: median((m) => m.seconds),
        maxTickGapMs: median((m) => m.maxTickGapMs),
        uploadGapMs: median((m) => m.uploadGapMs),
        longTaskMs: median((m) => m.longTaskMs),
        maxEvalMs: median((m) => m.maxEvalMs)
      }
    }
    const idle = await measure((p) => probed(p, () => new Promise((r) => setTimeout(r, 3000))))
    out.push({
      bench: 'idle page: longest 10 ms timer gap',
      backend: 'browser',
      value: idle.maxTickGapMs,
      unit: 'ms',
      note: `slowest evaluation ${idle.maxEvalMs.toFixed(0)} ms; 3 s without work (noise floor)`
    })
    out.push(
      ...rows(
        'whole-file (before)',
        smallRows,
        smallBytes,
        await measure((p) => wholeFile(p, small))
      )
    )
    out.push(
      ...rows('chunked', smallRows, smallBytes, await measure((p) => chunked(p, small, 'fits.csv')))
    )
    out.push(
      ...rows(
        'chunked',
        1_000_000,
        millionBytes,
        await measure((p) => chunked(p, million, 'million.csv'))
      )
    )
    return out
  } finally {
    await browser.close()
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM')
    await rm(dir, { recursive: true, force: true })
  }
}

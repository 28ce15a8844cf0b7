/**
 * Fixtures: a browser-mode server (the real bridge, services and forked
 * engine) with its own temporary workspace, one per worker; and the steps of
 * the user journey, shared by the browser and Electron projects.
 *
 * The server runs BUILT by default (out/bridge/serve.js, forking
 * out/main/engine.js: the engine bundle Electron loads, with its kernels, wasm
 * backend, worker threads and canvas), so the e2e tests what ships.
 * `test.use({ serverMode: 'source' })` runs it from the TypeScript sources.
 */
import { execFileSync } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test as base } from '@playwright/test'
import type { Page } from '@playwright/test'
import { canvasStats, countBars } from './canvas'
import { startServeProcess, type ServeProcess } from './serve-process'
import { APP_STATE_JSON } from '../../src/core/runs/app-state'

export const ROOT = resolve(__dirname, '../..')

export type ServerMode = 'built' | 'source'

export interface BridgeServer {
  url: string
  origin: string
  token: string
  workspace: string
  /** The server's process id (its engine is a child of it). */
  pid: number
}

const BUILT_SERVER = join(ROOT, 'out', 'bridge', 'serve.js')

function serverArgs(mode: ServerMode): string[] {
  if (mode === 'source') return ['--import', 'tsx', 'src/bridge/serve.ts']
  if (!existsSync(BUILT_SERVER)) {
    throw new Error(
      'out/bridge/serve.js is missing: run the e2e with `npm run test:e2e`, which builds first'
    )
  }
  return [BUILT_SERVER]
}

function startServer(workspace: string, mode: ServerMode): Promise<ServeProcess> {
  return startServeProcess({
    cwd: ROOT,
    args: serverArgs(mode),
    // A pause between 1 MiB chunks of a read, so that a large open can be cancelled by a click.
    env: { ...process.env, HINDSIGHT_WORKSPACE: workspace, HINDSIGHT_READ_PAUSE_MS: '100' },
    onStderr: (d) => {
      if (process.env['HINDSIGHT_E2E_VERBOSE']) process.stderr.write(d)
    }
  })
}

function stopServer(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return
  try {
    // The server and its forked engine share a process group.
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    child.kill('SIGTERM')
  }
}

/** The command lines of a process's children (Linux `ps`): which engine a server forked. */
export function childCommands(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
  } catch {
    return [] // ps exits 1 when there are no children
  }
}

export const test = base.extend<object, { serverMode: ServerMode; server: BridgeServer }>({
  serverMode: ['built', { scope: 'worker', option: true }],
  server: [
    async ({ serverMode }, use) => {
      const workspace = mkdtempSync(join(tmpdir(), 'hindsight-e2e-'))
      const { child, url } = await startServer(workspace, serverMode)
      const parsed = new URL(url)
      const token = parsed.pathname.split('/')[1] ?? ''
      try {
        await use({ url, origin: parsed.origin, token, workspace, pid: child.pid ?? -1 })
      } finally {
        stopServer(child)
        rmSync(workspace, { recursive: true, force: true })
      }
    },
    { scope: 'worker' }
  ],
  // The app reopens where it was left (app-state.json); each test starts as a first start.
  page: async ({ page, server }, use) => {
    rmSync(join(server.workspace, APP_STATE_JSON), { force: true })
    await use(page)
  }
})

export { expect }

/** A CSV whose third line has one field too many. */
export const MALFORMED_CSV = 'date,value\n2020-01-01,1\n2020-02-01,2,3\n2020-03-01,4\n'

/** Waits until the bundled sample is open (the app opens it on start). */
export async function expectSampleOpen(page: Page): Promise<void> {
  await expect(page.getByTestId('dataset-summary')).toContainText('CO2 at Mauna Loa')
  await expect(page.getByTestId('dataset-rows')).toHaveText(/\d/)
}

/** Data view: a small window so the tiny model trains in seconds. */
export async function chooseSmallWindow(page: Page): Promise<void> {
  await page.getByLabel('Window (steps)').fill('12')
  await page.getByLabel('Horizon (steps)').fill('1')
}

/** Train view: the tiny model (1 layer × 4 units) for `epochs` epochs. */
export async function chooseTinyModel(page: Page, epochs: number, units = 4): Promise<void> {
  await page.getByTestId('nav-train').click()
  await page.getByRole('spinbutton', { name: 'Layers', exact: true }).fill('1')
  await page.getByRole('spinbutton', { name: 'Units per layer' }).fill(String(units))
  await page.getByRole('spinbutton', { name: 'Epochs', exact: true }).fill(String(epochs))
}

/**
 * A line chart drew its lines across the plot: pixels of each hue, and coloured pixels in more
 * than half of the canvas's columns (a blank canvas, or a legend alone, fails). A chart of one
 * point per line (one epoch) has markers of each hue but nothing to draw across.
 */
async function expectLinesDrawn(
  page: Page,
  testId: string,
  hues: readonly ('blue' | 'orange')[],
  across = true
): Promise<void> {
  await expect
    .poll(
      async () => {
        const stats = await canvasStats(page, `[data-testid="${testId}"]`)
        const drawn =
          (!across || stats.colouredColumns > stats.width / 2) &&
          hues.every((h) => stats.hues[h] > 0)
        return drawn ? 'drawn' : JSON.stringify(stats)
      },
      `${testId} draws ${hues.join(' and ')} lines across its plot`
    )
    .toBe('drawn')
}

/** Start, see loss points arrive on the chart, and finish with both loss curves drawn. */
export async function trainAndSeeLoss(page: Page, epochs: number): Promise<void> {
  await page.getByTestId('start-training').click()
  const chart = page.getByTestId('loss-chart')
  await expect(chart).toHaveAttribute('data-points', /[1-9]/, { timeout: 90_000 })
  await expect(page.getByTestId('training-finished')).toBeVisible({ timeout: 90_000 })
  await expect(chart).toHaveAttribute('data-points', String(epochs))
  await expect(page.getByTestId('training-status')).toHaveText('Finished')
  await expect(page.getByTestId('backend-name')).toBeVisible()
  // Training loss (blue) and, where there is a validation part, validation loss (orange),
  // from the first epoch to the last.
  const validation = !(await page.getByTestId('no-validation-loss').isVisible())
  await expectLinesDrawn(page, 'loss-chart', validation ? ['blue', 'orange'] : ['blue'], epochs > 1)
}

/** Results: test metrics for the model and the naive forecasts, and the predictions chart. */
export async function expectResults(page: Page): Promise<void> {
  await page.getByTestId('view-results').click()
  const metrics = page.getByTestId('metrics-table')
  await expect(metrics).toBeVisible()
  await expect(page.getByTestId('metric-model-rmse')).toHaveText(/\d/)
  await expect(page.getByTestId('metric-naive-rmse')).toHaveText(/\d/)
  // A run with metrics never also says it has none.
  await expect(page.getByTestId('results').getByText(/no test metrics/)).toHaveCount(0)
  const chart = page.getByTestId('prediction-chart')
  await expect(chart).toHaveAttribute('data-points', /[1-9]/)
  await expect(chart.locator('canvas')).toBeVisible()
  // The model's predictions (blue) over the whole test period.
  await expectLinesDrawn(page, 'prediction-chart', ['blue'])
}

/** The attributions listed in the Explain view's data table (its numbers, signed). */
async function tableAttributions(page: Page): Promise<number[]> {
  const cells = page.getByTestId('attribution-table').locator('td.pos, td.neg')
  return (await cells.allTextContents()).map((text) =>
    Number(text.replace(/[\u2212\u2013]/g, '-').replace(/[^\d.eE+-]/g, ''))
  )
}

/**
 * Explain: pick test window `window` (numbered from 1, as shown) by its number, explain it with
 * KernelSHAP at time level, and see what the charts drew: one red or blue bar per step of the
 * window under the input chart, and heatmap cells in red where an attribution in the data
 * table is clearly positive and in blue where one is clearly negative.
 */
export async function explainForecast(page: Page, window: number, steps: number): Promise<void> {
  await page.getByTestId('nav-explain').click()
  await expect(page.getByTestId('pick-chart')).toBeVisible()
  await page.getByTestId('pick-index').fill(String(window))
  await page.getByTestId('pick-index').press('Enter')
  await expect(page.getByTestId('pick-chart')).toHaveAttribute('data-selected', String(window - 1))
  await page.getByTestId('explain-method').selectOption('kernelshap')
  await page.getByTestId('level-time').check()
  await page.getByTestId('run-explanation').click()
  await expect(page.getByTestId('trust-panel')).toBeVisible({ timeout: 60_000 })
  await expect(page.getByTestId('trust-gap')).toHaveText(/\d/)

  const bars = (): Promise<number> =>
    countBars(page, '[data-testid="step-bars"]', { hues: ['red', 'blue'] })
  await expect.poll(bars, 'one coloured bar per step of the window').toBe(steps)

  const values = await tableAttributions(page)
  expect(values).toHaveLength(steps)
  const top = Math.max(...values.map(Math.abs))
  expect(top).toBeGreaterThan(0)
  const stats = await canvasStats(page, '[data-testid="heatmap"]')
  const detail = JSON.stringify({ stats, values })
  expect(stats.hues.red + stats.hues.blue, detail).toBeGreaterThan(0)
  if (values.some((v) => v > 0.3 * top)) expect(stats.hues.red, detail).toBeGreaterThan(0)
  if (values.some((v) => v < -0.3 * top)) expect(stats.hues.blue, detail).toBeGreaterThan(0)
}

/** Start a longer run and cancel it once the first epoch is on the chart. */
export async function cancelMidTraining(page: Page): Promise<void> {
  await chooseTinyModel(page, 500, 8)
  await page.getByTestId('start-training').click()
  await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', /[1-9]/, {
    timeout: 90_000
  })
  await page.getByTestId('cancel-training').click()
  await expect(page.getByTestId('training-status')).toHaveText('Cancelled', { timeout: 30_000 })
  await expect(page.getByTestId('start-training')).toBeEnabled()
}

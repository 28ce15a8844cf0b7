/**
 * Fixtures: a browser-mode server (the real bridge, services and forked
 * engine) with its own temporary workspace, one per worker; and the steps of
 * the user journey, shared by the browser and Electron projects.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test as base } from '@playwright/test'
import type { Page } from '@playwright/test'
import { APP_STATE_JSON } from '../../src/core/runs/app-state'

export const ROOT = resolve(__dirname, '../..')

export interface BridgeServer {
  url: string
  origin: string
  token: string
  workspace: string
}

async function startServer(workspace: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bridge/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, HINDSIGHT_WORKSPACE: workspace },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let output = ''
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000)
    const onData = (data: Buffer): void => {
      output += data.toString()
      const match = /Hindsight browser mode: (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolvePromise(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (d: Buffer) => {
      output += d.toString()
      if (process.env['HINDSIGHT_E2E_VERBOSE']) process.stderr.write(d)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}:\n${output}`))
    })
  })
  return { child, url }
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

export const test = base.extend<object, { server: BridgeServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const workspace = mkdtempSync(join(tmpdir(), 'hindsight-e2e-'))
      const { child, url } = await startServer(workspace)
      const parsed = new URL(url)
      const token = parsed.pathname.split('/')[1] ?? ''
      try {
        await use({ url, origin: parsed.origin, token, workspace })
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

/** Start, see loss points arrive on the chart, and finish. */
export async function trainAndSeeLoss(page: Page, epochs: number): Promise<void> {
  await page.getByTestId('start-training').click()
  const chart = page.getByTestId('loss-chart')
  await expect(chart).toHaveAttribute('data-points', /[1-9]/, { timeout: 90_000 })
  await expect(page.getByTestId('training-finished')).toBeVisible({ timeout: 90_000 })
  await expect(chart).toHaveAttribute('data-points', String(epochs))
  await expect(page.getByTestId('training-status')).toHaveText('Finished')
  await expect(page.getByTestId('backend-name')).toBeVisible()
}

/** Results: test metrics for the model and the naive forecasts, and the predictions chart. */
export async function expectResults(page: Page): Promise<void> {
  await page.getByTestId('view-results').click()
  const metrics = page.getByTestId('metrics-table')
  await expect(metrics).toBeVisible()
  await expect(page.getByTestId('metric-model-rmse')).toHaveText(/\d/)
  await expect(page.getByTestId('metric-naive-rmse')).toHaveText(/\d/)
  const chart = page.getByTestId('prediction-chart')
  await expect(chart).toHaveAttribute('data-points', /[1-9]/)
  await expect(chart.locator('canvas')).toBeVisible()
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

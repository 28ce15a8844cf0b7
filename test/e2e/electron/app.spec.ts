/**
 * The same journey in the real Electron app, launched with Playwright's
 * _electron. Where Electron's binary is not installed (no network to fetch it),
 * this project reports one loud skip, never a pass.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron } from '@playwright/test'
import type { ElectronApplication, Page } from '@playwright/test'
import { API_CHANNELS } from '../../../src/shared/api'
import type { HindsightApi } from '../../../src/shared/api'
import { INVOKE_CHANNELS } from '../../../src/shared/ipc-contract'
import {
  cancelMidTraining,
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectResults,
  expectSampleOpen,
  explainForecast,
  MALFORMED_CSV,
  ROOT,
  test,
  trainAndSeeLoss
} from '../fixtures'

/**
 * The API members that are not a contract channel. A Record over exactly those keys of
 * HindsightApi: adding or removing one there is a compile error here.
 */
const NOT_CHANNELS: Record<Exclude<keyof HindsightApi, keyof typeof API_CHANNELS>, true> = {
  on: true,
  pathForFile: true
}

/** What window.hindsight must hold: one method per contract channel, plus the non-channel ones. */
const EXPECTED_API = [...Object.keys(API_CHANNELS), ...Object.keys(NOT_CHANNELS)].sort()

function electronBinary(): { path: string | null; why: string } {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      path: null,
      why: 'node_modules/electron has no binary (path.txt missing: the download failed or was skipped)'
    }
  }
  const dist =
    process.env['ELECTRON_OVERRIDE_DIST_PATH'] || join(ROOT, 'node_modules', 'electron', 'dist')
  const binary = join(dist, readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return { path: null, why: `Electron binary not found at ${binary}` }
  if (!existsSync(join(ROOT, 'out', 'main', 'index.js'))) {
    return {
      path: null,
      why: 'the app is not built (out/main/index.js missing): run `npx electron-vite build`'
    }
  }
  return { path: binary, why: '' }
}

const binary = electronBinary()

// Runs with or without Electron: the list the renderer test expects is complete.
test('window.hindsight is expected to hold one method per invoke channel of the contract', () => {
  expect([...Object.values(API_CHANNELS)].sort()).toEqual([...INVOKE_CHANNELS].sort())
  expect(EXPECTED_API).toHaveLength(INVOKE_CHANNELS.length + Object.keys(NOT_CHANNELS).length)
})

if (binary.path === null) {
  // One line in the report, marked skipped, saying why; never counted as a pass.
  test(`ELECTRON E2E SKIPPED (not a pass): ${binary.why}; the browser project runs the same journey`, () => {
    test.skip(true, binary.why)
  })
} else {
  const executablePath = binary.path
  test.describe('electron app', () => {
    // One app through one journey: each step needs the one before (explain needs the run).
    test.describe.configure({ mode: 'serial' })
    let app: ElectronApplication
    let page: Page
    let workspace: string

    test.beforeAll(async () => {
      workspace = mkdtempSync(join(tmpdir(), 'hindsight-electron-'))
      app = await electron.launch({
        executablePath,
        args: [ROOT, '--no-sandbox', '--disable-gpu'],
        env: { ...process.env, HINDSIGHT_WORKSPACE: workspace, ELECTRON_ENABLE_LOGGING: '1' },
        cwd: ROOT
      })
      page = await app.firstWindow()
    })

    test.afterAll(async () => {
      await app?.close()
      rmSync(workspace, { recursive: true, force: true })
    })

    test('the renderer has no Node and sees only the named API', async () => {
      const api = await page.evaluate(() => {
        const g = globalThis as unknown as Record<string, unknown>
        return {
          keys: Object.keys(g['hindsight'] as object).sort(),
          require: typeof g['require'],
          process: typeof g['process']
        }
      })
      expect(api.require).toBe('undefined')
      expect(api.process).toBe('undefined')
      expect(api.keys).toEqual(EXPECTED_API)
    })

    test('opens the sample, trains, shows live loss and results', async () => {
      await expectSampleOpen(page)
      await chooseSmallWindow(page)
      await chooseTinyModel(page, 3)
      await trainAndSeeLoss(page, 3)
      await expectResults(page)
    })

    test('explains a forecast with KernelSHAP: per-step bars and heatmap drawn', async () => {
      // The run just trained, window 12: test window 6, one bar per step.
      await explainForecast(page, 6, 12)
    })

    test('cancels a run mid-training', async () => {
      await page.getByTestId('nav-data').click()
      await chooseSmallWindow(page)
      await cancelMidTraining(page)
    })

    test('a malformed CSV opened from the native dialog shows a specific error', async () => {
      const bad = join(workspace, 'bad.csv')
      writeFileSync(bad, MALFORMED_CSV)
      await app.evaluate(({ dialog }, path) => {
        dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [path] })) as never
      }, bad)
      await page.getByTestId('nav-data').click()
      await page.getByTestId('open-file').click()
      const error = page.getByTestId('open-error')
      await expect(error).toContainText('bad.csv, line 3: expected 2 fields')
    })
  })
}

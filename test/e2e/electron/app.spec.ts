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
import {
  cancelMidTraining,
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectResults,
  expectSampleOpen,
  MALFORMED_CSV,
  ROOT,
  test,
  trainAndSeeLoss
} from '../fixtures'

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

if (binary.path === null) {
  // One line in the report, marked skipped, saying why; never counted as a pass.
  test(`ELECTRON E2E SKIPPED (not a pass): ${binary.why}; the browser project runs the same journey`, () => {
    test.skip(true, binary.why)
  })
} else {
  const executablePath = binary.path
  test.describe('electron app', () => {
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
      expect(api.keys).toEqual(
        [
          'appInfo',
          'cancelTraining',
          'datasetSeries',
          'engineStatus',
          'getRun',
          'listRuns',
          'on',
          'openDialog',
          'openPath',
          'openSample',
          'pathForFile',
          'recentFiles',
          'startTraining',
          'uploadDataset'
        ].sort()
      )
    })

    test('opens the sample, trains, shows live loss and results', async () => {
      await expectSampleOpen(page)
      await chooseSmallWindow(page)
      await chooseTinyModel(page, 3)
      await trainAndSeeLoss(page, 3)
      await expectResults(page)
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

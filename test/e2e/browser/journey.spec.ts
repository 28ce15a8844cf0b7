import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { canvasStats } from '../canvas'
import { expectPredictionLines, lossPoints, screens, SCREENS } from '../journey-checks'
import {
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectResults,
  expectSampleOpen,
  MALFORMED_CSV,
  test,
  ROOT,
  trainAndSeeLoss
} from '../fixtures'

test.describe('browser mode', () => {
  test('opens the sample, trains a tiny model with a live loss chart, shows test metrics and predictions', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    // The split is drawn on the series chart; its share is shown next to the inputs.
    await expect(page.getByTestId('test-pct')).toHaveText('15%')
    await chooseSmallWindow(page)
    await chooseTinyModel(page, 3)
    await trainAndSeeLoss(page, 3)
    await expect.poll(() => lossPoints(page)).toBe(3)
    await expectResults(page)
    await expectPredictionLines(page)
    // Results: window counts from the engine, the target apart from the extra inputs.
    const predicted = await page.getByTestId('prediction-chart').getAttribute('data-points')
    await expect(page.getByTestId('windows-test')).toHaveText(predicted ?? '')
    await expect(page.getByTestId('windows-train')).toHaveText(/^[1-9][\d,]*$/)
    // Every window of the 746 rows (window 12, horizon 1) is in one part or skipped at a gap.
    const count = async (id: string): Promise<number> =>
      Number((await page.getByTestId(id).textContent())?.replace(/,/g, ''))
    const parts = ['windows-train', 'windows-validation', 'windows-test', 'windows-skipped']
    const counts = await Promise.all(parts.map(count))
    expect(counts.reduce((a, b) => a + b, 0)).toBe(746 - 12 - 1 + 1)
    await expect(page.getByTestId('setting-config.target')).toHaveText('co2')
    await expect(page.getByTestId('setting-workflow.settings.extraInputs')).toHaveText('none')
    await expect(page.getByTestId('setting-config.targetMode')).toHaveText(
      'The change from the last value'
    )
    // The run is listed and reopens.
    await page.getByTestId('nav-runs').click()
    const runs = page.getByTestId('runs-table')
    await expect(runs).toContainText('Finished')
    await runs
      .getByRole('button', { name: /Open run/ })
      .first()
      .click()
    await expect(page.getByTestId('metrics-table')).toBeVisible()
  })

  test('starts and cancels a run mid-training from the keyboard', async ({ page, server }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await chooseSmallWindow(page)
    await chooseTinyModel(page, 500, 8)
    // Ctrl+2 opens Train with focus on its heading; the next Tab stop is Start.
    await page.keyboard.press('Control+2')
    await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('start-training')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('loss-chart')).toHaveAttribute('data-points', /[1-9]/, {
      timeout: 90_000
    })
    // The same button, still focused, is now Cancel.
    const cancel = page.getByTestId('cancel-training')
    await expect(cancel).toBeFocused()
    await expect(cancel).toBeEnabled()
    await page.keyboard.press('Space')
    await expect(page.getByTestId('training-status')).toHaveText('Cancelled', { timeout: 30_000 })
    await expect(page.getByTestId('start-training')).toBeFocused()
    await page.getByTestId('nav-runs').click()
    await expect(page.getByTestId('runs-table')).toContainText('Cancelled')
  })

  test('a malformed CSV upload shows a specific error next to the upload button', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await page.getByTestId('upload-input').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(MALFORMED_CSV)
    })
    const error = page.getByTestId('open-error')
    await expect(error).toBeVisible()
    await expect(error).toContainText('bad.csv, line 3')
    await expect(error).toContainText('expected 2 fields')
    await expect(error).toContainText('row 3')
    // The app is still there, with the sample still open.
    await expectSampleOpen(page)
  })

  test('the bridge refuses a missing or wrong token (page and WebSocket)', async ({
    page,
    request,
    server
  }) => {
    expect((await request.get(`${server.origin}/`)).status()).toBe(403)
    expect((await request.get(`${server.origin}/not-the-token/`)).status()).toBe(403)
    const asset = await request.get(`${server.origin}/not-the-token/index.html`)
    expect(asset.status()).toBe(403)
    expect(await asset.text()).toContain('missing or wrong token')

    await page.goto(server.url)
    await expectSampleOpen(page)
    const outcome = (path: string): Promise<string> =>
      page.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const ws = new WebSocket(url)
            ws.onopen = () => {
              ws.close()
              resolve('open')
            }
            ws.onerror = () => resolve('refused')
          }),
        `ws://${new URL(server.origin).host}${path}`
      )
    expect(await outcome(`/${server.token}/ws`)).toBe('open')
    expect(await outcome('/ws')).toBe('refused')
    expect(await outcome('/not-the-token/ws')).toBe('refused')
  })

  test('works from the keyboard and in Simplified Chinese', async ({ page, server }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    // Skip link first, then the navigation; Enter activates, focus lands on the page heading.
    await page.keyboard.press('Tab')
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('nav-data')).toBeFocused()
    await page.keyboard.press('Tab')
    await expect(page.getByTestId('nav-train')).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeFocused()
    await expect(page.getByTestId('nav-train')).toHaveAttribute('aria-current', 'page')
    await page.keyboard.press('Control+1')
    await expect(page.getByRole('heading', { level: 1, name: 'Data' })).toBeVisible()

    await page.getByTestId('language').selectOption('zh-CN')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('数据')
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
    await expect(page.getByText('时间范围')).toBeVisible()
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('数据')
  })

  test('bad numbers get a message, never a silent change, and Enter keeps focus on the page', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await chooseSmallWindow(page)
    // Train % with pasted text: flagged, and no test share is claimed from it.
    const trainPct = page.getByRole('spinbutton', { name: 'Train %' })
    await trainPct.fill('e')
    await expect(page.locator('#dc-trainPct-error')).toHaveText('Enter a number, like 12 or 0.5.')
    await expect(page.getByTestId('test-pct')).toHaveText('—')
    await trainPct.fill('70')
    await expect(page.getByTestId('test-pct')).toHaveText('15%')
    // Enter on "Continue to Train" lands on the Train heading, not the page body.
    await page.getByTestId('continue-train').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeFocused()

    const epochs = page.getByRole('spinbutton', { name: 'Epochs', exact: true })
    await epochs.fill('-5')
    await expect(page.locator('#mc-epochs-error')).toHaveText(
      'Enter a whole number from 1 to 100,000.'
    )
    await expect(page.getByTestId('epoch-of')).toHaveText('Epoch 0 of —')
    const rate = page.getByRole('spinbutton', { name: 'Learning rate' })
    await rate.fill('0,01')
    await rate.blur()
    await expect(rate).toHaveValue('0.01')
    await page.getByTestId('start-training').click()
    await expect(page.getByTestId('start-error')).toContainText('Model settings to fix: Epochs.')
    await epochs.fill('2')
    await expect(page.getByTestId('start-error')).toHaveCount(0)

    // "Check engine" answers where it can be seen.
    await page.getByTestId('check-engine').click()
    await expect(page.getByTestId('engine-check')).toHaveText(/The engine answered at .+: /)
  })

  test('with no validation part, early stopping says what it watches and no validation loss is drawn', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await chooseSmallWindow(page)
    await page.getByRole('spinbutton', { name: 'Validation %' }).fill('0')
    // Levels: a tiny model's loss falls visibly in 4 epochs (its change-mode loss stays flat
    // at ≈ 1, right under the axis maximum, where the point markers are clipped).
    await page.getByLabel('The model learns').selectOption('level')
    await chooseTinyModel(page, 4)
    await page.getByLabel('Stop early when validation loss stops improving').check()
    await expect(page.getByTestId('no-validation-warning')).toContainText(
      'watches the training loss'
    )
    await trainAndSeeLoss(page, 4)
    await expect(page.getByTestId('no-validation-loss')).toBeVisible()
    // Loss points in blue, nothing in the validation colour (orange), one point per epoch.
    const stats = await canvasStats(page, '[data-testid="loss-chart"]')
    expect(stats.hues.orange).toBe(0)
    await expect.poll(() => lossPoints(page)).toBe(4)
  })

  test('a run reopened from Runs brings its own dataset, and "Train again" keeps every setting', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    const macro = readFileSync(resolve(ROOT, '../shared/datasets/us_macro_quarterly.csv'))
    await page.getByTestId('upload-input').setInputFiles({
      name: 'us_macro_quarterly.csv',
      mimeType: 'text/csv',
      buffer: macro
    })
    await expect(page.getByTestId('sidebar-dataset')).toContainText('us_macro_quarterly.csv')
    await page.getByLabel('Target', { exact: true }).selectOption('realgdp')
    await page.getByLabel('cpi', { exact: true }).check()
    await page.getByLabel('unemp', { exact: true }).check()
    await page.getByLabel('Window (steps)').fill('8')
    await page.getByLabel('The model learns').selectOption('change')
    await chooseTinyModel(page, 2)
    await trainAndSeeLoss(page, 2)
    await expectResults(page)
    await expect(page.getByTestId('setting-config.target')).toHaveText('realgdp')
    await expect(page.getByTestId('setting-workflow.settings.extraInputs')).toHaveText('cpi, unemp')

    // Another dataset, then the run again: the run's dataset comes back with it.
    await page.getByTestId('nav-data').click()
    await page.getByTestId('open-sample').click()
    await expect(page.getByTestId('sidebar-dataset')).toContainText('CO2')
    await page.getByTestId('nav-runs').click()
    await page
      .getByTestId('runs-table')
      .getByRole('button', { name: /Open run/ })
      .first()
      .click()
    await expect(page.getByTestId('metrics-table')).toBeVisible()
    await expect(page.getByTestId('sidebar-dataset')).toHaveText(
      /^\s*Dataset\s*us_macro_quarterly\.csv\s*$/
    )
    await expect(page.getByTestId('sidebar-run-dataset')).toHaveCount(0)

    await page.getByTestId('reuse-settings').click()
    await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible()
    await page.getByTestId('nav-data').click()
    await expect(page.getByLabel('The model learns')).toHaveValue('change')
    await expect(page.getByLabel('Target', { exact: true })).toHaveValue('realgdp')
    await expect(page.getByLabel('cpi', { exact: true })).toBeChecked()
    await expect(page.getByLabel('Window (steps)')).toHaveValue('8')
  })

  test('screenshots of the shell, Train and Results at 1400 and 900 px, in English and Chinese', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await page.getByLabel('Missing values').selectOption('skip')
    await chooseSmallWindow(page)
    await chooseTinyModel(page, 3)
    await trainAndSeeLoss(page, 3)
    await expectResults(page)
    // The sample has five empty months: with "skip", windows touching them are counted, not hidden.
    await expect(page.getByTestId('windows-skipped')).toHaveText(/^[1-9]/)
    // Explain: a test window that does not exist, or too many windows, gets a message.
    await page.getByTestId('nav-explain').click()
    const index = page.getByTestId('pick-index')
    for (const bad of ['-3', '0', '99999']) {
      await index.fill(bad)
      await expect(page.locator('#pick-index-error')).toHaveText(
        /^Enter a whole number from 1 to \d/
      )
    }
    await index.fill('abc')
    await expect(page.locator('#pick-index-error')).toHaveText('Enter a number, like 12 or 0.5.')
    await index.fill('2')
    await expect(page.locator('#pick-index-error')).toHaveCount(0)
    await expect(page.getByTestId('picked-time')).not.toBeEmpty()
    const windows = page.getByTestId('global-windows')
    await windows.fill('100000')
    await expect(page.locator('#global-windows-error')).toHaveText(
      /^Enter a whole number from 1 to \d/
    )
    await windows.fill('3')
    await expect(page.locator('#global-windows-error')).toHaveCount(0)
    await index.fill('-3')
    await page.setViewportSize({ width: 1400, height: 1700 })
    await page.screenshot({ path: `${SCREENS}/explain-pick-error-1400.png` })
    await index.fill('2')
    await expect(page.locator('#pick-index-error')).toHaveCount(0)
    await page.setViewportSize({ width: 1366, height: 860 })
    // Enter on "Explain this forecast": the button gives way to Cancel and back; focus follows
    // it and never falls to the page body.
    await page.getByTestId('run-explanation').focus()
    await page.keyboard.press('Enter')
    await expect(page.getByTestId('run-explanation')).toBeFocused({ timeout: 90_000 })
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document
            .activeElement.tagName
      )
    ).toBe('BUTTON')
    for (const locale of ['en', 'zh-CN'] as const) {
      await page.getByTestId('language').selectOption(locale)
      await page.getByTestId('nav-train').click()
      await screens(page, `train-${locale}`)
      await page.getByTestId('nav-results').click()
      await expect(page.getByTestId('prediction-chart').locator('canvas')).toBeVisible()
      await screens(page, `results-${locale}`)
      await page.getByTestId('nav-data').click()
      await screens(page, `data-${locale}`)
    }
  })
})

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { canvasStats } from '../canvas'
import {
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectSampleOpen,
  test,
  trainAndSeeLoss
} from '../fixtures'

const WIDTHS = [1400, 900] as const

// The e2e tsconfig has no DOM library: what page functions touch is typed by hand.
interface Box {
  scrollWidth: number
  clientWidth: number
  style: Record<string, string>
}
type Frames = { requestAnimationFrame(callback: () => void): void }

/** Lets charts finish resizing (chart.js listens with a ResizeObserver). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const w = globalThis as unknown as Frames
        w.requestAnimationFrame(() => w.requestAnimationFrame(() => done()))
      })
  )
  await page.waitForTimeout(200)
}

async function overflow(page: Page, selector: string): Promise<number> {
  const element = page.locator(selector).first()
  if ((await element.count()) === 0) return 0
  return element.evaluate(
    (e) => (e as unknown as Box).scrollWidth - (e as unknown as Box).clientWidth
  )
}

/** No horizontal scrollbar on the page, in <main> or in the runs card at this width. */
async function expectNoSideScroll(page: Page): Promise<void> {
  await settle(page)
  const sideways = {
    page: await overflow(page, 'html'),
    main: await overflow(page, 'main'),
    card: await overflow(page, '.runs-card, [data-testid="compare-view"]')
  }
  expect(sideways).toEqual({ page: 0, main: 0, card: 0 })
}

/** Lets <main> grow to its content (CSSOM styles, which the CSP allows), or undoes it. */
async function unclip(page: Page, on: boolean): Promise<void> {
  for (const selector of ['html', 'body', '#app', '.shell', 'main']) {
    await page
      .locator(selector)
      .first()
      .evaluate(
        (e, { grow, isMain }) => {
          const style = (e as unknown as Box).style
          style['height'] = grow ? 'auto' : ''
          style['minHeight'] = grow ? '100vh' : ''
          if (isMain) style['overflow'] = grow ? 'visible' : ''
        },
        { grow: on, isMain: selector === 'main' }
      )
  }
}

async function screenshots(page: Page, name: string, outDir: string): Promise<void> {
  for (const locale of ['en', 'zh-CN'] as const) {
    await page.getByTestId('language').selectOption(locale)
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 })
      await expectNoSideScroll(page)
      // The view scrolls inside <main>: let it grow for one picture of the whole view.
      await unclip(page, true)
      await settle(page)
      await page.screenshot({
        path: join(outDir, `runs-${name}-${width}-${locale}.png`),
        fullPage: true
      })
      await unclip(page, false)
    }
  }
  await page.getByTestId('language').selectOption('en')
  await page.setViewportSize({ width: 1366, height: 860 })
}

test.describe('browser mode: runs', () => {
  test('lists, renames, compares (charts checked by their pixels), deletes with confirmation, and reopens where it was left', async ({
    page,
    server
  }, testInfo) => {
    const errors: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    // Specs share the worker's workspace: this one counts runs, so it starts with none.
    rmSync(join(server.workspace, 'runs'), { recursive: true, force: true })
    await page.goto(server.url)
    await expectSampleOpen(page)
    await chooseSmallWindow(page)
    await chooseTinyModel(page, 3)
    await trainAndSeeLoss(page, 3)
    await chooseTinyModel(page, 4, 6)
    await trainAndSeeLoss(page, 4)

    // A folder hand-edited into a truncated run.json: listed apart, with the reason.
    mkdirSync(join(server.workspace, 'runs', 'broken'))
    writeFileSync(join(server.workspace, 'runs', 'broken', 'run.json'), '{"id": "bro')
    await page.getByTestId('nav-runs').click()
    const table = page.getByTestId('runs-table')
    const rows = table.locator('tbody tr[data-testid^="run-row-"]')
    await expect(rows).toHaveCount(2)
    // Newest first: the 4-epoch run (6 units), then the 3-epoch one.
    await expect(rows.nth(0)).toContainText('LSTM 1×6')
    await expect(rows.nth(1)).toContainText('LSTM 1×4')
    for (const i of [0, 1]) {
      await expect(rows.nth(i).getByTestId('run-status')).toHaveText('Finished')
      await expect(rows.nth(i)).toContainText(/#[0-9a-f]{8}/)
      await expect(rows.nth(i).getByTestId('run-rmse')).toContainText(/naive \d/)
      await expect(rows.nth(i).getByTestId('run-backend')).toContainText(/wasm|cpu|tensorflow/)
    }

    // Rename the older run and give it notes.
    await rows.nth(1).getByTestId('run-name').click()
    const details = page.getByTestId('run-details')
    await details.getByTestId('run-name-input').fill('Small LSTM')
    await details.getByTestId('run-notes-input').fill('window 12, four units')
    await details.getByTestId('run-save').click()
    await expect(details.getByRole('status')).toHaveText('Saved.')
    await expect(rows.nth(1).getByTestId('run-name')).toHaveText('Small LSTM')
    await expect(rows.nth(1)).toContainText('window 12, four units')

    // Filter and sort.
    await page.getByTestId('runs-filter').fill('small')
    await expect(rows).toHaveCount(1)
    await page.getByTestId('runs-filter').fill('')
    await expect(rows).toHaveCount(2)
    await page.getByTestId('sort-duration').click()
    await expect(table.locator('th[aria-sort="ascending"]')).toHaveCount(1)

    await screenshots(page, 'list', testInfo.outputDir)

    const damaged = page.getByTestId('damaged-folders')
    await expect(damaged).toContainText('broken')
    await expect(damaged).toContainText(/not valid JSON/)
    await damaged.getByTestId('damaged-delete').click()
    await damaged.getByTestId('damaged-delete-confirm').click()
    await expect(damaged).toBeHidden()

    // Compare both, newest first again.
    await page.getByTestId('sort-created').click()
    await expect(rows.nth(1).getByTestId('run-name')).toHaveText('Small LSTM')
    for (const i of [0, 1]) await rows.nth(i).getByTestId('run-select').check()
    await page.getByTestId('runs-compare').click()
    const compare = page.getByTestId('compare-view')
    await expect(compare).toBeVisible()
    const loss = page.getByTestId('compare-loss-chart')
    await expect(loss).toHaveAttribute('data-series', '2')
    await expect(loss).toHaveAttribute('data-points', '7')
    // The first compared run is drawn in blue, the second in orange.
    const lossPixels = await canvasStats(page, loss)
    expect(lossPixels.hues.blue).toBeGreaterThan(150)
    expect(lossPixels.hues.orange).toBeGreaterThan(150)
    const predictions = page.getByTestId('compare-prediction-chart')
    await expect(predictions).toHaveAttribute('data-series', '2')
    const predictionPixels = await canvasStats(page, predictions)
    expect(predictionPixels.hues.blue).toBeGreaterThan(300)
    expect(predictionPixels.hues.orange).toBeGreaterThan(300)
    expect(predictionPixels.colouredColumns).toBeGreaterThan(predictionPixels.width * 0.6)
    await expect(page.getByTestId('compare-metrics').locator('thead th')).toHaveCount(3)
    await expect(page.getByTestId('compare-metric-rmse').locator('td.best')).toHaveCount(1)
    await expect(page.getByTestId('compare-setting-units')).toHaveAttribute('data-differs', 'true')
    await expect(page.getByTestId('compare-setting-epochs')).toHaveAttribute('data-differs', 'true')
    await expect(page.getByTestId('compare-setting-window')).toHaveAttribute(
      'data-differs',
      'false'
    )
    await page.getByTestId('compare-only-differences').check()
    await expect(page.getByTestId('compare-settings').locator('tbody tr')).toHaveCount(2)
    await page.getByTestId('compare-only-differences').uncheck()

    await screenshots(page, 'compare', testInfo.outputDir)

    // Reopening the page restores the comparison.
    await page.waitForTimeout(500)
    await page.reload()
    await expect(page.getByTestId('compare-view')).toBeVisible()
    await expect(page.getByTestId('nav-runs')).toHaveAttribute('aria-current', 'page')
    expect(
      (await canvasStats(page, page.getByTestId('compare-loss-chart'))).hues.blue
    ).toBeGreaterThan(150)

    // Delete the newer run, after confirmation; "Keep it" keeps it.
    await page.getByTestId('compare-back').click()
    await expect(rows).toHaveCount(2)
    await rows.nth(0).getByTestId('run-name').click()
    await details.getByTestId('run-delete').click()
    const confirm = page.getByTestId('run-delete-confirm')
    await expect(confirm).toBeVisible()
    await expect(confirm.getByRole('button', { name: 'Keep it' })).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(confirm).toBeHidden()
    await expect(rows).toHaveCount(2)
    await details.getByTestId('run-delete').click()
    await page.getByTestId('run-delete-confirm-button').click()
    await expect(rows).toHaveCount(1)
    await expect(rows.nth(0).getByTestId('run-name')).toHaveText('Small LSTM')
    await expect(rows.nth(0).getByTestId('run-name')).toBeFocused()
    expect(readdirSync(join(server.workspace, 'runs'))).toHaveLength(1)

    // Export the remaining run and import the archive: it comes back as a second, named run.
    const originalId = readdirSync(join(server.workspace, 'runs'))[0] ?? ''
    const originalRmse = (await rows.nth(0).getByTestId('run-rmse').textContent()) ?? ''
    await rows.nth(0).getByTestId('run-name').click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      details.getByTestId('run-export').click()
    ])
    expect(download.suggestedFilename()).toBe('hindsight-run-Small_LSTM.zip')
    await page.getByTestId('run-import-file').setInputFiles(await download.path())
    await expect(page.getByTestId('run-imported')).toContainText('Small LSTM')
    await expect(rows).toHaveCount(2)
    const importedId = readdirSync(join(server.workspace, 'runs')).find((id) => id !== originalId)
    const imported = page.getByTestId(`run-row-${importedId}`)
    await expect(imported.getByTestId('run-rmse')).toHaveText(originalRmse)
    await expect(imported.getByTestId('run-status')).toHaveText('Finished')

    // Open the imported run; reopening the page restores that view and run.
    await imported.getByRole('button', { name: /Open run/ }).click()
    await expect(page.getByTestId('nav-results')).toHaveAttribute('aria-current', 'page')
    // Read the metric only once the view shows the imported run, not the one open before it.
    await expect(page.getByTestId('results')).toHaveAttribute('data-run-id', importedId ?? '')
    const rmse = await page.getByTestId('metric-model-rmse').textContent()
    await page.waitForTimeout(500)
    await page.reload()
    await expect(page.getByTestId('nav-results')).toHaveAttribute('aria-current', 'page')
    await expect(page.getByTestId('results')).toHaveAttribute('data-run-id', importedId ?? '')
    await expect(page.getByTestId('metric-model-rmse')).toHaveText(rmse ?? '')
    await page.getByTestId('nav-runs').click()
    await page.waitForTimeout(500)
    await page.reload()
    await expect(page.getByTestId('nav-runs')).toHaveAttribute('aria-current', 'page')
    await expect(page.getByTestId('runs-table')).toBeVisible()
    expect(errors).toEqual([])
  })
})

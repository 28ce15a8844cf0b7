import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { Download, Page } from '@playwright/test'
import { canvasStats, countBars } from '../canvas'
import { layoutProblems } from '../layout'
import {
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectSampleOpen,
  test,
  trainAndSeeLoss
} from '../fixtures'

/** Heatmap cells carry red where some attribution is clearly positive, blue where clearly negative. */
async function expectHeatmapSigns(page: Page, values: readonly number[]): Promise<void> {
  const top = Math.max(...values.map(Math.abs))
  const stats = await canvasStats(page, '[data-testid="heatmap"]')
  const detail = JSON.stringify({ stats, values })
  expect(stats.hues.red + stats.hues.blue, detail).toBeGreaterThan(0)
  if (values.some((v) => v > 0.3 * top)) expect(stats.hues.red, detail).toBeGreaterThan(0)
  if (values.some((v) => v < -0.3 * top)) expect(stats.hues.blue, detail).toBeGreaterThan(0)
}

/** The per-step bars drew one coloured (red or blue) bar per step of the window. */
async function expectStepBars(page: Page, steps: number): Promise<void> {
  const stats = await canvasStats(page, '[data-testid="step-bars"]')
  expect(stats.hues.red + stats.hues.blue, JSON.stringify(stats)).toBeGreaterThan(0)
  expect(await countBars(page, '[data-testid="step-bars"]', { hues: ['red', 'blue'] })).toBe(steps)
}

async function download(page: Page, click: () => Promise<void>): Promise<Download> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  return file
}

test.describe('browser mode: explain', () => {
  test('picks a forecast on the chart, explains it with KernelSHAP, checks trust and exports JSON, CSV and HTML', async ({
    page,
    server
  }, testInfo) => {
    const consoleErrors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text())
    })
    page.on('pageerror', (error) => consoleErrors.push(error.message))
    await page.goto(server.url)
    await expectSampleOpen(page)
    await chooseSmallWindow(page)
    await chooseTinyModel(page, 2)
    await trainAndSeeLoss(page, 2)

    await page.getByTestId('nav-explain').click()
    await expect(page.getByRole('heading', { level: 1, name: 'Explain' })).toBeVisible()
    const chart = page.getByTestId('pick-chart')
    await expect(chart).toHaveAttribute('data-selected', '0')
    // The pick chart drew its forecast line (blue) across the plot.
    const pickStats = await canvasStats(page, '[data-testid="pick-chart"]')
    expect(pickStats.hues.blue, JSON.stringify(pickStats)).toBeGreaterThan(200)
    expect(pickStats.colouredColumns).toBeGreaterThan(pickStats.width / 2)

    // Click a forecast about two thirds along the chart.
    const box = await chart.locator('canvas').boundingBox()
    if (!box) throw new Error('no chart')
    await page.mouse.click(box.x + box.width * 0.66, box.y + box.height * 0.45)
    await expect(chart).not.toHaveAttribute('data-selected', '0')
    const clicked = Number(await chart.getAttribute('data-selected'))
    expect(clicked).toBeGreaterThan(10)
    // The keyboard moves it too, and the number field picks directly.
    await chart.focus()
    await page.keyboard.press('ArrowLeft')
    await expect(chart).toHaveAttribute('data-selected', String(clicked - 1))
    await page.getByTestId('pick-index').fill('6')
    await page.getByTestId('pick-index').press('Enter')
    await expect(chart).toHaveAttribute('data-selected', '5')
    const picked = (await page.getByTestId('picked-time').textContent()) ?? ''

    // The cost shows before running, and follows the settings.
    await expect(page.getByTestId('plan-calls')).toContainText('model call')
    await page.getByTestId('run-explanation').click()
    await expect(page.getByTestId('trust-panel')).toBeVisible({ timeout: 60_000 })
    await expect(page.getByTestId('heatmap').locator('canvas')).toBeVisible()
    await expect(page.getByTestId('step-bars')).toBeVisible()
    // What the per-step bars drew: one coloured bar per step of the window (T = 12).
    await expectStepBars(page, 12)
    // The deletion curves (the trust checks run with the explanation) are drawn.
    const deletionStats = await canvasStats(page, '[data-testid="deletion-chart"]')
    expect(deletionStats.colouredColumns, JSON.stringify(deletionStats)).toBeGreaterThan(
      deletionStats.width / 2
    )
    await expect(page.getByTestId('trust-gap')).toHaveText(/\d/)
    // KernelSHAP's additivity holds by construction; the checks that can fail ran.
    await expect(page.getByTestId('check-additivity')).toHaveAttribute(
      'data-verdict',
      'construction'
    )
    await expect(page.getByTestId('check-exact')).toHaveAttribute('data-verdict', /pass|fail/)
    await expect(page.getByTestId('check-seeds')).toHaveAttribute('data-verdict', /pass|fail/)
    await expect(page.getByTestId('plan-values')).toHaveText('sampled Shapley values')
    await expect(page.getByTestId('check-deletion')).not.toHaveAttribute('data-verdict', 'skipped')
    await expect(page.getByTestId('history-table')).toContainText(picked)
    await page.screenshot({ path: testInfo.outputPath('explain-result.png'), fullPage: false })

    // JSON: the schema's fields.
    const json = await download(page, () => page.getByTestId('export-json').click())
    expect(json.suggestedFilename()).toMatch(/\.json$/)
    const record = JSON.parse(readFileSync(await json.path(), 'utf8')) as Record<string, unknown>
    for (const key of [
      'schema',
      'method',
      'level',
      'attributions',
      'prediction',
      'baselinePrediction',
      'additivityGap',
      'window'
    ]) {
      expect(record).toHaveProperty(key)
    }
    expect(record['schema']).toBe('hindsight.explanation/1')
    expect(record['method']).toBe('kernelshap')
    expect(record['level']).toBe('time')
    expect(record['index']).toBe(5)
    const window = record['window'] as { time: string[]; values: number[][] }
    const features = record['features'] as string[]
    expect((record['attributions'] as number[]).length).toBe(window.time.length)
    await expectHeatmapSigns(page, record['attributions'] as number[])

    // CSV: one row per cell of the window (T × F), plus the header.
    const csv = await download(page, () => page.getByTestId('export-csv').click())
    const lines = readFileSync(await csv.path(), 'utf8')
      .trim()
      .split('\n')
    expect(lines[0]).toBe('date,lag,feature,value,attribution,player')
    expect(lines.length - 1).toBe(window.time.length * features.length)

    // HTML: self-contained (no requests beyond the file itself) with rendered charts.
    const html = await download(page, () => page.getByTestId('export-html').click())
    const htmlPath = testInfo.outputPath('report.html')
    await html.saveAs(htmlPath)
    const report = await page.context().newPage()
    const requests: string[] = []
    await report.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue()
      requests.push(url)
      return route.abort()
    })
    report.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url())
    })
    await report.goto(pathToFileURL(htmlPath).href)
    await report.waitForLoadState('load')
    const images = await report.locator('img').evaluateAll((elements) =>
      elements.map((element) => {
        const img = element as unknown as { complete: boolean; naturalWidth: number }
        return img.complete && img.naturalWidth > 0
      })
    )
    expect(images.length).toBeGreaterThan(0)
    expect(images.every(Boolean)).toBe(true)
    expect(requests).toEqual([])
    await report.close()

    // Cell level on the same window: the heatmap by step × feature, and a comparison.
    await page.getByTestId('level-cell').check()
    await page.getByTestId('run-explanation').click()
    await expect(page.getByTestId('history-table').locator('tbody tr')).toHaveCount(2, {
      timeout: 60_000
    })
    await page.getByTestId('compare-run-method').click()
    await expect(page.getByTestId('compare-rho')).toHaveText(/\d/, { timeout: 60_000 })
    await page.getByTestId('heatmap').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('explain-heatmap.png') })
    await expectStepBars(page, 12)
    const cellJson = await download(page, () => page.getByTestId('export-json').click())
    const cellRecord = JSON.parse(readFileSync(await cellJson.path(), 'utf8')) as {
      level: string
      attributions: number[][]
    }
    expect(cellRecord.level).toBe('cell')
    await expectHeatmapSigns(page, cellRecord.attributions.flat())

    // PNG of the cell heatmap, rendered by the same code as the CLI's --out .png.
    const png = await download(page, () => page.getByTestId('export-png-heatmap').click())
    expect(png.suggestedFilename()).toMatch(/heatmap\.png$/)
    const bytes = readFileSync((await png.path())!)
    expect(bytes.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    )

    // How far back does the model look: importance by lag over a few test windows.
    await page.getByTestId('global-panel').scrollIntoViewIfNeeded()
    await page.getByTestId('global-windows').fill('3')
    await page.getByTestId('run-global').click()
    await expect(page.getByTestId('global-chart').locator('canvas')).toBeVisible({
      timeout: 60_000
    })
    await expect(page.getByTestId('global-reach')).toHaveText(/\d/)
    const globalStats = await canvasStats(page, '[data-testid="global-chart"]')
    expect(globalStats.hues.blue, JSON.stringify(globalStats)).toBeGreaterThan(0)
    await page.screenshot({ path: testInfo.outputPath('explain-global.png') })

    // Leaving the view and coming back finds it as it was left.
    await page.getByTestId('nav-data').click()
    await page.getByTestId('nav-explain').click()
    await expect(page.getByTestId('trust-panel')).toBeVisible()
    await expect(page.getByTestId('pick-index')).toHaveValue('6')
    await expect(page.getByTestId('compare-rho')).toHaveText(/\d/)
    await expect(page.getByTestId('global-reach')).toHaveText(/\d/)
    await expectStepBars(page, 12)

    // Reopened from past explanations, the time-level KernelSHAP result draws its bars again.
    await page
      .getByTestId('history-table')
      .locator('tbody tr')
      .filter({ hasText: 'KernelSHAP' })
      .filter({ hasText: 'Time' })
      .getByTestId('history-open')
      .click()
    await expect(page.getByTestId('level-time')).toBeChecked()
    await expectStepBars(page, 12)
    await expectHeatmapSigns(page, record['attributions'] as number[])

    // The layout at 1400 and 900 px, in English and Chinese: nothing scrolls sideways, no text overlaps.
    for (const width of [1400, 900]) {
      for (const language of ['en', 'zh-CN']) {
        await page.setViewportSize({ width, height: 900 })
        await page.getByTestId('language').selectOption(language)
        await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded()
        expect(
          await layoutProblems(page, '[data-testid="explain"]'),
          `${width} px, ${language}`
        ).toEqual({
          scrollers: [],
          overlaps: []
        })
        await expectStepBars(page, 12)
        // The app scrolls inside its content pane: one shot per part of the page.
        for (const part of ['window-chart', 'trust-panel', 'heatmap', 'global-panel']) {
          await page.getByTestId(part).evaluate((el) => el.scrollIntoView({ block: 'start' }))
          await page.screenshot({
            path: testInfo.outputPath(`explain-${width}-${language}-${part}.png`)
          })
        }
      }
    }
    await page.setViewportSize({ width: 1366, height: 860 })
    await page.getByTestId('language').selectOption('en')

    // Scrolled views for a look at the rest of the page.
    await page.getByTestId('compare-panel').scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('explain-compare.png') })
    await page.getByTestId('language').selectOption('zh-CN')
    await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: testInfo.outputPath('explain-zh.png') })
    expect(consoleErrors).toEqual([])
  })

  test('a 60-step window: one bar per step under its date, at 1400 and 900 px', async ({
    page,
    server
  }, testInfo) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await page.getByLabel('Window (steps)').fill('60')
    await page.getByLabel('Horizon (steps)').fill('1')
    await chooseTinyModel(page, 1)
    await trainAndSeeLoss(page, 1)
    await page.getByTestId('nav-explain').click()
    await page.getByTestId('run-explanation').click()
    await expect(page.getByTestId('trust-panel')).toBeVisible({ timeout: 90_000 })
    for (const width of [1400, 900]) {
      await page.setViewportSize({ width, height: 900 })
      await expectStepBars(page, 60)
      expect(await layoutProblems(page, '[data-testid="explain"]'), `${width} px`).toEqual({
        scrollers: [],
        overlaps: []
      })
      await page.getByTestId('window-chart').evaluate((el) => el.scrollIntoView({ block: 'start' }))
      await page.screenshot({ path: testInfo.outputPath(`explain-60-steps-${width}.png`) })
    }
  })
})

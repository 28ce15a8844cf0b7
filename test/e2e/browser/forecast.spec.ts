/**
 * Issue #10 as the user sees it: a tiny multi-step model on the CO2 sample (horizon 4), then
 * what Results drew, checked by its pixels: the path from a test origin and its interval
 * bands (each level's own colour, moving with the origin), error by step (H bars per series),
 * coverage, the forecast past the end, the bands around the step-H predictions on the test
 * chart (and none for a run without intervals); the notice when a naive forecast wins, and its one-click
 * next step; the Explain step picker. A single-step run shows none of the path charts.
 * The Data view's window counts follow the multi-step setting. Screenshots of Data, Train,
 * Results and Explain at 1400 and 900 px in English and Chinese land in
 * test-results/screens/forecast-<view>-<width>-<language>.png, with the layout checked.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { APP_STATE_JSON } from '../../../src/core/runs/app-state'
import { PALETTE } from '../../../src/shared/palette'
import { canvasStats } from '../canvas'
import { recordCanvasText } from '../canvas-text'
import { colourCounts } from '../canvas-colour'
import { checkLayout, showWholeView } from '../layout'
import {
  chooseTinyModel,
  expect,
  expectSampleOpen,
  explainForecast,
  ROOT,
  test,
  trainAndSeeLoss
} from '../fixtures'

const H = 4
const WINDOW = 12
const SCREENS = join(ROOT, 'test-results', 'screens')
const [INNER, OUTER] = PALETTE.interval

test.describe.configure({ mode: 'serial' })

let page: Page
const consoleErrors: string[] = []

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  await recordCanvasText(page)
})

test.afterAll(async () => {
  await page?.close()
})

/** The test RMSEs the page lists: the horizon's (metrics table) and each step's (by-step table). */
async function listedRmse(): Promise<{ model: number[]; baselines: number[][] }> {
  const read = async (testId: string): Promise<number> =>
    Number((await page.getByTestId(testId).textContent())?.replace(/,/g, ''))
  const model = [await read('metric-model-rmse')]
  const baselines = [[await read('metric-naive-rmse')]]
  if ((await page.getByTestId('metric-seasonal-rmse').count()) > 0) {
    baselines[0]?.push(await read('metric-seasonal-rmse'))
  }
  const rows = page.getByTestId('error-by-step-table').locator('tbody tr')
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = (await rows.nth(i).locator('td').allTextContents()).map((c) =>
      Number(c.replace(/,/g, ''))
    )
    // Model RMSE, naive RMSE, [seasonal RMSE], MASE.
    model.push(cells[0] ?? Number.NaN)
    baselines.push(cells.slice(1, cells.length - 1))
  }
  return { model, baselines }
}

const PREDICTIONS = '[data-testid="prediction-chart"]'

/** Windows the Data view says each policy keeps (train + validation + test), once it has counted. */
async function keptByPolicy(): Promise<number[]> {
  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('policy-table')).toBeVisible()
  const kept: number[] = []
  for (const policy of ['skip', 'ffill', 'interpolate']) {
    const cells = await page.getByTestId(`policy-row-${policy}`).locator('td').allTextContents()
    kept.push(cells.slice(0, 3).reduce((sum, c) => sum + Number(c.replace(/,/g, '')), 0))
  }
  return kept
}

/** The predictions chart's plot (above its legend) and legend, by colour. */
async function predictionColours(): Promise<{
  plot: Record<'inner' | 'outer' | 'predicted', { pixels: number; columns: number[] }>
  legend: Record<'inner' | 'outer', { pixels: number }>
}> {
  const plot = await colourCounts(
    page,
    PREDICTIONS,
    { inner: INNER ?? '', outer: OUTER ?? '', predicted: PALETTE.predicted },
    { band: { top: 0, bottom: 0.8 } }
  )
  const legend = await colourCounts(
    page,
    PREDICTIONS,
    { inner: INNER ?? '', outer: OUTER ?? '' },
    { band: { top: 0.85, bottom: 1 } }
  )
  return { plot, legend }
}

/** The predictions chart draws both bands along the whole predicted line, and their legend swatches. */
async function expectPredictionBands(): Promise<void> {
  await expect(page.locator(PREDICTIONS)).toHaveAttribute('data-bands', '2')
  const { plot, legend } = await predictionColours()
  const spread = (c: number[]): number => c.filter((n) => n > 0).length
  const detail = JSON.stringify({
    inner: plot.inner.pixels,
    outer: plot.outer.pixels,
    innerCols: spread(plot.inner.columns),
    outerCols: spread(plot.outer.columns),
    predictedCols: spread(plot.predicted.columns),
    legend: [legend.inner.pixels, legend.outer.pixels]
  })
  expect(plot.inner.pixels, `80% band drawn: ${detail}`).toBeGreaterThan(500)
  expect(plot.outer.pixels, `95% band drawn: ${detail}`).toBeGreaterThan(500)
  // Each band runs along the predictions: nearly every column the line crosses holds both.
  expect(spread(plot.inner.columns), detail).toBeGreaterThan(0.9 * spread(plot.predicted.columns))
  expect(spread(plot.outer.columns), detail).toBeGreaterThan(0.9 * spread(plot.predicted.columns))
  // One legend swatch per level, in its own colour.
  expect(legend.inner.pixels, detail).toBeGreaterThan(20)
  expect(legend.outer.pixels, detail).toBeGreaterThan(20)
}

test('Train: multi-step, auto target mode, interval levels and early stopping on by default', async ({
  server
}) => {
  test.setTimeout(180_000)
  // A first start (the app reopens where an earlier spec left it otherwise), as the page fixture does.
  rmSync(join(server.workspace, APP_STATE_JSON), { force: true })
  await page.goto(server.url)
  await expectSampleOpen(page)
  await page.getByLabel('Window (steps)').fill(String(WINDOW))
  await page.getByLabel('Horizon (steps)').fill(String(H))
  await chooseTinyModel(page, 3)

  const settings = page.getByTestId('forecast-settings')
  await expect(settings).toBeVisible()
  // Interval levels from the contract's defaults, shown in percent.
  await expect(page.getByTestId('interval-level-0')).toHaveValue('80')
  await expect(page.getByTestId('interval-level-1')).toHaveValue('95')
  // A level outside the schema's (0, 1) is refused by the form, with the range.
  await page.getByTestId('interval-level-1').fill('100')
  await expect(settings).toContainText(/below 100/i)
  await page.getByTestId('interval-level-1').fill('95')
  await expect(page.getByLabel('Stop early when validation loss stops improving')).toBeChecked()
  await expect(page.getByTestId('early-stopping-note')).toContainText('Early stopping is on')

  await page.getByTestId('train-target-mode').selectOption('auto')
  await expect(settings).toContainText('KPSS')

  // The Data view's window counts follow the multi-step setting: every step's actual is needed.
  await expect(page.getByTestId('multi-step')).not.toBeChecked()
  const single = await keptByPolicy()
  await expect(page.getByTestId('policy-multi-step')).toHaveCount(0)
  await page.getByTestId('nav-train').click()
  await page.getByTestId('multi-step').check()
  await page.getByTestId('nav-data').click()
  await expect(page.getByTestId('policy-multi-step')).toContainText(`every step 1–${H}`)
  const multi = await keptByPolicy()
  multi.forEach((m, i) => expect(m).toBeLessThanOrEqual(single[i] ?? 0))
  // The sample has gaps, so a window with a missing step beyond H's own is lost.
  expect(
    multi.some((m, i) => m < (single[i] ?? 0)),
    JSON.stringify({ single, multi })
  ).toBe(true)
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('multi-step')).toBeChecked()
  await trainAndSeeLoss(page, 3)
  await page.getByTestId('view-results').click()
  await expect(page.getByTestId('metrics-table')).toBeVisible()
})

test('Results: the mode auto chose and why, and the coverage of each interval', async () => {
  const choice = page.getByTestId('target-mode-choice')
  // The engine's reason, after what it chose (a trend test or a range check on the training part).
  await expect(choice).toHaveText(
    /^The model learned the (change from the last value|value itself)\. Auto: \S.{20,}$/
  )
  await expect(page.getByTestId('setting-forecast.summary.kind')).toHaveText(`Every step 1–${H}`)
  await expect(page.getByTestId('setting-forecast.summary.intervals')).toHaveText('80%, 95%')
  const lines = page.getByTestId('coverage-line')
  await expect(lines).toHaveCount(2)
  await expect(lines.nth(0)).toHaveText(
    /^80% interval: \d+(\.\d)?% of test actuals inside \(nominal 80%\)$/
  )
  await expect(lines.nth(1)).toHaveText(
    /^95% interval: \d+(\.\d)?% of test actuals inside \(nominal 95%\)$/
  )
})

test('Results: the predictions chart draws the 80% and 95% bands around the step-H predictions', async () => {
  await expectPredictionBands()
})

test('Results: error by step draws H bars for the model and each baseline', async () => {
  const chart = '[data-testid="error-by-step-chart"]'
  await expect(page.locator(chart)).toHaveAttribute('data-steps', String(H))
  await expect(page.getByTestId('error-by-step-table').locator('tbody tr')).toHaveCount(H)
  const seasonal = (await page.getByTestId('metric-seasonal-rmse').count()) > 0
  // Below the legend (drawn on top): the bars, each column of a bar at least 5 pixels tall
  // (axis labels' anti-aliased edges can take the naive forecast's grey).
  const bars = await colourCounts(
    page,
    chart,
    { model: PALETTE.predicted, naive: PALETTE.naive, seasonal: PALETTE.seasonalNaive },
    { band: { top: 0.16, bottom: 1 }, minPixels: 5 }
  )
  const detail = JSON.stringify({ model: bars.model.runs, naive: bars.naive.runs })
  expect(bars.model.runs, detail).toBe(H)
  expect(bars.naive.runs, detail).toBe(H)
  expect(bars.seasonal.runs, detail).toBe(seasonal ? H : 0)
})

test('Results: the path from a test origin with its interval bands, moving with the origin', async () => {
  const panel = page.getByTestId('path-panel')
  await expect(panel).toBeVisible()
  const chart = '[data-testid="path-chart"]'
  await expect(page.locator(chart)).toHaveAttribute('data-steps', String(H))
  // Above the legend (drawn below the plot): the plot itself.
  const plot = { band: { top: 0, bottom: 0.8 } }
  const read = (): Promise<
    Record<'inner' | 'outer' | 'path' | 'actual', { pixels: number; columns: number[] }>
  > =>
    colourCounts(
      page,
      chart,
      { inner: INNER ?? '', outer: OUTER ?? '', path: PALETTE.predicted, actual: PALETTE.actual },
      plot
    )
  const last = await read()
  const detail = JSON.stringify({ ...last, inner: last.inner.pixels, outer: last.outer.pixels })
  expect(last.inner.pixels, `80% band drawn: ${detail}`).toBeGreaterThan(200)
  expect(last.outer.pixels, `95% band drawn: ${detail}`).toBeGreaterThan(200)
  expect(last.path.pixels, `path drawn: ${detail}`).toBeGreaterThan(40)
  expect(last.actual.pixels, `actuals drawn: ${detail}`).toBeGreaterThan(100)
  // The bands lie along the path only: right of the actuals leading up to it.
  const firstBand = last.outer.columns.findIndex((c) => c > 0)
  const firstActual = last.actual.columns.findIndex((c) => c > 0)
  expect(firstBand).toBeGreaterThan(firstActual)

  // Another origin by the number field, then one step back by the slider's keys.
  const origin = page.getByTestId('path-origin')
  const count = Number(await page.getByTestId('path-origin-slider').getAttribute('max'))
  expect(count).toBeGreaterThan(20)
  await expect(origin).toHaveValue(String(count))
  await origin.fill('20')
  await origin.press('Enter')
  await expect(page.locator(chart)).toHaveAttribute('data-origin', '19')
  await expect
    .poll(async () => (await read()).inner.columns.join())
    .not.toBe(last.inner.columns.join())
  const moved = await read()
  expect(moved.inner.pixels).toBeGreaterThan(200)
  expect(moved.outer.pixels).toBeGreaterThan(200)
  // The numbers behind it: H steps, each interval centred on its forecast (path ± half-width).
  await panel.locator('summary').click()
  const rows = page.getByTestId('path-table').locator('tbody tr')
  await expect(rows).toHaveCount(H)
  for (let i = 0; i < H; i++) {
    const cells = await rows.nth(i).locator('td').allTextContents()
    // Time, forecast, actual, 80 % interval, 95 % interval.
    expect(cells).toHaveLength(5)
    const forecast = Number(cells[1]?.replace(/,/g, ''))
    for (const interval of cells.slice(3)) {
      const [lower, upper] = interval.split(' – ').map((v) => Number(v.replace(/,/g, '')))
      expect((Number(lower) + Number(upper)) / 2).toBeCloseTo(forecast, 3)
    }
  }
  await page.getByTestId('path-origin-slider').focus()
  await page.keyboard.press('ArrowLeft')
  await expect(page.locator(chart)).toHaveAttribute('data-origin', '18')
  await expect(origin).toHaveValue('19')
})

test('Results: the forecast past the end is the whole path with its bands', async () => {
  const chart = '[data-testid="ahead-chart"]'
  await expect(page.locator(chart)).toHaveAttribute('data-steps', String(H))
  await expect(page.getByTestId('ahead-table').locator('tbody tr')).toHaveCount(H)
  const drawn = await colourCounts(
    page,
    chart,
    { inner: INNER ?? '', outer: OUTER ?? '', path: PALETTE.predicted },
    { band: { top: 0, bottom: 0.8 } }
  )
  expect(drawn.inner.pixels).toBeGreaterThan(200)
  expect(drawn.outer.pixels).toBeGreaterThan(200)
  expect(drawn.path.pixels).toBeGreaterThan(40)
})

test('Results: a naive forecast that wins anywhere is said plainly, with one-click next steps', async () => {
  const { model, baselines } = await listedRmse()
  const loses = model.some((m, i) => (baselines[i] ?? []).some((b) => b < m))
  const notice = page.getByTestId('baseline-notice')
  // The comparison itself never goes away.
  await expect(page.getByTestId('metrics-table')).toBeVisible()
  if (!loses) {
    // Beaten on test nowhere: a notice can only be about validation (whose numbers it gives).
    if ((await notice.count()) > 0)
      await expect(notice).toContainText('On validation at the horizon')
    else return
  }
  await expect(notice).toContainText('not better than a naive forecast')
  // Each test loss the tables show is said: at the horizon, or at its step.
  if (model[0] !== undefined && (baselines[0] ?? []).some((b) => b < (model[0] ?? 0))) {
    await expect(notice).toContainText(`On test at the horizon (step ${H})`)
  }
  if (model.slice(1, H).some((m, i) => (baselines[i + 1] ?? []).some((b) => b < m))) {
    await expect(notice).toContainText(/At steps? \d/)
  }
  await expect(page.getByTestId('next-longer')).toContainText('6 epochs')
  const mode = (await page.getByTestId('target-mode-choice').getAttribute('data-mode')) ?? ''
  const other = mode === 'change' ? 'level' : 'change'
  await page.getByTestId('next-switch-mode').click()
  await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible()
  await expect(page.getByTestId('train-target-mode')).toHaveValue(other)
  // The rest of the run's settings came with it.
  await expect(page.getByTestId('multi-step')).toBeChecked()
  await page.getByTestId('nav-results').click()
  await expect(page.getByTestId('metrics-table')).toBeVisible()
})

test('Explain: the step picker changes the explained step', async () => {
  await explainForecast(page, 3, WINDOW)
  const picker = page.getByTestId('explain-step')
  await expect(picker.locator('option')).toHaveCount(H)
  await expect(picker).toHaveValue(String(H))
  await expect(page.getByTestId('explained-step')).toHaveText(
    `The explanation shown is for step ${H} of ${H}.`
  )
  const atHorizon = await page.getByTestId('trust-fx').textContent()
  await picker.selectOption('1')
  await page.getByTestId('run-explanation').click()
  await expect(page.getByTestId('explained-step')).toHaveText(
    `The explanation shown is for step 1 of ${H}.`,
    { timeout: 60_000 }
  )
  await expect(page.getByTestId('trust-gap')).toHaveText(/\d/)
  expect(await page.getByTestId('trust-fx').textContent()).not.toBe(atHorizon)
  const bars = await canvasStats(page, '[data-testid="step-bars"]')
  expect(bars.hues.red + bars.hues.blue).toBeGreaterThan(0)
})

for (const width of [1400, 900] as const) {
  for (const language of ['en', 'zh-CN'] as const) {
    test(`screenshots at ${width} px in ${language}: Data, Train, Results and Explain lay out cleanly`, async () => {
      await page.setViewportSize({ width, height: 900 })
      const switcher = page.getByTestId('language')
      if ((await switcher.inputValue()) !== language) await switcher.selectOption(language)
      await expect(page.locator('html')).toHaveAttribute('lang', language)
      for (const view of ['data', 'train', 'results', 'explain'] as const) {
        await page.getByTestId(`nav-${view}`).click()
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
        if (view === 'data') await expect(page.getByTestId('policy-multi-step')).toBeVisible()
        if (view === 'results') await expect(page.getByTestId('ahead-table')).toBeVisible()
        if (view === 'explain') await expect(page.getByTestId('explain-step-picker')).toBeVisible()
        await page.mouse.wheel(0, -100_000)
        await showWholeView(page)
        await page.waitForTimeout(300)
        await page.screenshot({ path: join(SCREENS, `forecast-${view}-${width}-${language}.png`) })
        const report = await checkLayout(page)
        expect(report.problems, `${view} at ${width} px in ${language}`).toEqual([])
        await page.setViewportSize({ width, height: 900 })
      }
    })
  }
}

test('a single-step run shows no path, no error by step and no empty chart boxes', async () => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  const switcher = page.getByTestId('language')
  if ((await switcher.inputValue()) !== 'en') await switcher.selectOption('en')
  await page.getByTestId('nav-train').click()
  await page.getByTestId('multi-step').uncheck()
  await trainAndSeeLoss(page, 3)
  await page.getByTestId('view-results').click()
  await expect(page.getByTestId('metrics-table')).toBeVisible()
  await expect(page.getByTestId('ahead-table').locator('tbody tr')).toHaveCount(1)
  await expect(page.getByTestId('setting-forecast.summary.kind')).toHaveText(`Step ${H} only`)
  await expect(page.getByTestId('path-panel')).toHaveCount(0)
  await expect(page.getByTestId('error-by-step')).toHaveCount(0)
  await expect(page.getByTestId('ahead-chart')).toHaveCount(0)
  // Intervals at the horizon still have their coverage, and their bands on the predictions chart.
  await expect(page.getByTestId('coverage-line')).toHaveCount(2)
  await expect(page.getByTestId('prediction-chart')).toBeVisible()
  await expectPredictionBands()
  expect(consoleErrors).toEqual([])
})

test('a run without intervals draws no bands on the predictions chart', async () => {
  test.setTimeout(180_000)
  const before = await predictionColours()
  await page.getByTestId('nav-train').click()
  await page.getByTestId('interval-level-0').fill('')
  await page.getByTestId('interval-level-1').fill('')
  await trainAndSeeLoss(page, 3)
  await page.getByTestId('view-results').click()
  await expect(page.getByTestId('metrics-table')).toBeVisible()
  await expect(page.getByTestId('coverage-line')).toHaveCount(0)
  await expect(page.locator(PREDICTIONS)).toHaveAttribute('data-bands', '0')
  const { plot, legend } = await predictionColours()
  // The line is drawn; only the anti-aliased edges of the blue line may take a band's pale blue.
  expect(plot.predicted.pixels).toBeGreaterThan(100)
  const detail = JSON.stringify({
    before: [before.plot.inner.pixels, before.plot.outer.pixels],
    after: [plot.inner.pixels, plot.outer.pixels],
    legend: [legend.inner.pixels, legend.outer.pixels]
  })
  expect(plot.inner.pixels, detail).toBeLessThan(before.plot.inner.pixels / 10)
  expect(plot.outer.pixels, detail).toBeLessThan(before.plot.outer.pixels / 10)
  expect(legend.inner.pixels + legend.outer.pixels, detail).toBeLessThan(10)
  expect(consoleErrors).toEqual([])
})

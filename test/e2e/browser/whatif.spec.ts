/**
 * What-if and counterfactuals in the Explain view (issue 11), on a tiny model trained on the
 * bundled sample: drag a point of the window chart with the mouse and see the forecast and the
 * per-step attribution bars (their pixels) change over a dashed ghost of the original; type a
 * value in the window table; undo; nudge with the keyboard; reset to the original forecast;
 * sweep a cell's sensitivity; find the smallest change reaching a target forecast and apply it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { canvasStats, countBars } from '../canvas'
import {
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectSampleOpen,
  ROOT,
  test,
  trainAndSeeLoss
} from '../fixtures'
import { checkLayout, showWholeView } from '../layout'
import {
  barsPixels,
  chartCanvas,
  dragPoint,
  huesAround,
  latencies,
  pointOnPage,
  settledAttributions,
  settledForecast
} from '../whatif-steps'

const SCREENS = join(ROOT, 'test-results', 'screens')
const T = 12

test('what-if editing and counterfactuals in the Explain view', async ({ page, server }) => {
  test.setTimeout(240_000)
  const consoleErrors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => consoleErrors.push(e.message))
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(server.url)
  await expectSampleOpen(page)
  await chooseSmallWindow(page)
  await chooseTinyModel(page, 2)
  await trainAndSeeLoss(page, 2)
  await page.getByTestId('nav-explain').click()

  const panel = page.getByTestId('whatif-panel')
  await expect(panel).toBeVisible()
  await expect(chartCanvas(page)).toBeVisible()
  const forecast = page.getByTestId('whatif-forecast')
  const count = page.getByTestId('whatif-count')
  const originalText = ((await page.getByTestId('whatif-original').textContent()) ?? '').trim()
  const original = Number(await page.getByTestId('whatif-original').getAttribute('data-value'))
  expect(original).not.toBeNaN()
  // Nothing edited: the edited forecast is the original, no ghost, no bars.
  await expect(forecast).toHaveText(originalText)
  await expect(page.getByTestId('whatif-step-bars')).toHaveCount(0)

  // The window's values, from its table (the target is column 0).
  await page.getByTestId('whatif-table').locator('summary').click()
  const cell = (step: number) => page.getByTestId(`whatif-cell-${step}-0`)
  const last = Number(await cell(T - 1).inputValue())

  // Drag the latest point up by 60 px: a new forecast, per-step bars and their check.
  await dragPoint(page, T - 1, last, -60)
  const dragged = Number(await cell(T - 1).inputValue())
  expect(dragged).toBeGreaterThan(last)
  const afterDrag = await settledForecast(page)
  expect(afterDrag).not.toBe(original)
  await expect(forecast).not.toHaveText(originalText)
  await expect(count).toContainText('1 edited cell')
  await settledAttributions(page)
  const firstLatency = await latencies(page)
  await expect
    .poll(() => countBars(page, '[data-testid="whatif-step-bars"]', { hues: ['red', 'blue'] }))
    .toBe(T)
  await expect(page.getByTestId('whatif-attributions')).toContainText(
    'Updated for the edited window'
  )
  await expect(page.getByTestId('whatif-gap')).toHaveText(/\d/)
  const barsBefore = await barsPixels(page)
  // The ghost: where the dragged point was, the original series is still drawn, grey and
  // dashed, and the edited (blue) series has left for the new position.
  const ghostAt = await huesAround(page, await pointOnPage(page, T - 1, last))
  expect(ghostAt.grey, JSON.stringify(ghostAt)).toBeGreaterThan(3)
  const editedAt = await huesAround(page, await pointOnPage(page, T - 1, dragged))
  expect(editedAt.blue, JSON.stringify(editedAt)).toBeGreaterThan(10)

  // Drag it again, down: the forecast and the bars' pixels change again (one cell edited, two
  // actions to undo).
  await dragPoint(page, T - 1, dragged, 30)
  const redragged = Number(await cell(T - 1).inputValue())
  expect(redragged).toBeLessThan(dragged)
  await expect(count).toContainText('1 edited cell')
  const afterSecond = await settledForecast(page)
  expect(afterSecond).not.toBe(afterDrag)
  await settledAttributions(page)
  const secondLatency = await latencies(page)
  expect(await barsPixels(page)).not.toBe(barsBefore)

  // Type a value in the table (a second cell), then undo it.
  const before = Number(await cell(T - 2).inputValue())
  await cell(T - 2).fill(String(before + 5))
  await cell(T - 2).press('Enter')
  await expect(count).toContainText('2 edited cells')
  await expect(cell(T - 2)).toHaveAttribute('aria-invalid', 'false')
  expect(await settledForecast(page)).not.toBe(afterSecond)
  await page.getByTestId('whatif-undo').click()
  await expect(count).toContainText('1 edited cell')
  expect(Number(await cell(T - 2).inputValue())).toBeCloseTo(before, 4)
  expect(await settledForecast(page)).toBe(afterSecond)
  // Not a number: refused in place, nothing sent.
  await cell(3).fill('abc')
  await cell(3).press('Enter')
  await expect(cell(3)).toHaveAttribute('aria-invalid', 'true')
  await expect(count).toContainText('1 edited cell')
  await cell(3).press('Escape')
  await expect(cell(3)).toHaveAttribute('aria-invalid', 'false')

  // Keyboard: focus the chart, pick the first step (Home), move to the last (End) and nudge it
  // up ten steps' worth (Shift+↑): the forecast follows, one undoable action each.
  await chartCanvas(page).focus()
  await page.keyboard.press('Home')
  await page.keyboard.press('End')
  await page.keyboard.press('Shift+ArrowUp')
  await expect.poll(async () => Number(await cell(T - 1).inputValue())).toBeGreaterThan(redragged)
  await expect(count).toContainText('1 edited cell')
  expect(await settledForecast(page)).not.toBe(afterSecond)
  await settledAttributions(page)
  // Enter on the focused point: its table cell, ready to type.
  await page.keyboard.press('Enter')
  await expect(cell(T - 1)).toBeFocused()

  // While edits exist, the window chart and heatmap above say they explain the original window.
  const note = page.getByTestId('original-window-note')
  await expect(note).toBeVisible()
  await expect(note).toHaveAttribute('data-edited-cells', '1')

  // Sensitivity of the focused cell: a curve over the training range, the current value marked.
  // It is the edited window's: the marker sits at the edited value and the edited forecast.
  const nudgedForecast = await settledForecast(page)
  await page.getByTestId('sensitivity-run').click()
  const sweep = page.getByTestId('sensitivity-chart')
  await expect(sweep).toHaveAttribute('data-high', /\d/, { timeout: 30_000 })
  await expect(sweep).toHaveAttribute('data-pending', 'false', { timeout: 30_000 })
  await expect(sweep).toHaveAttribute('data-edited-cells', '1')
  const sweepStats = await canvasStats(page, '[data-testid="sensitivity-chart"]')
  expect(sweepStats.hues.blue, JSON.stringify(sweepStats)).toBeGreaterThan(100)
  expect(sweepStats.colouredColumns).toBeGreaterThan(sweepStats.width / 2)
  const nudgedValue = Number(await cell(T - 1).inputValue())
  expectSameValue(Number(await sweep.getAttribute('data-current-value')), nudgedValue)
  expectSameForecast(Number(await sweep.getAttribute('data-current')), nudgedForecast)
  // Type a new value in the swept cell: the sweep follows, its marker moves to the new value and
  // the new edited forecast, and the chart's pixels change.
  const markerBefore = await sweep.screenshot()
  await cell(T - 1).fill(String(nudgedValue + 4))
  await cell(T - 1).press('Enter')
  const typedForecast = await settledForecast(page)
  await expect
    .poll(async () => Number(await sweep.getAttribute('data-current-value')), { timeout: 30_000 })
    .toBeCloseTo(nudgedValue + 4, 3)
  await expect(sweep).toHaveAttribute('data-pending', 'false', { timeout: 30_000 })
  expectSameForecast(Number(await sweep.getAttribute('data-current')), typedForecast)
  expect((await sweep.screenshot()).equals(markerBefore)).toBe(false)
  await settledAttributions(page)

  await page.getByTestId('whatif-panel').scrollIntoViewIfNeeded()
  await shoot(page, 'whatif-edit')

  // Reset: the original forecast is back, and the ghost and bars are gone.
  await page.getByTestId('whatif-reset').click()
  await expect(forecast).toHaveText(originalText)
  await expect(count).toContainText('no edits')
  await expect(page.getByTestId('whatif-step-bars')).toHaveCount(0)
  expect(Number(await cell(T - 1).inputValue())).toBe(last)
  await expect(note).toHaveCount(0)
  // The sweep is asked again for the original window: its marker is back at the original forecast.
  await expect(sweep).toHaveAttribute('data-edited-cells', '0', { timeout: 30_000 })
  await expect(sweep).toHaveAttribute('data-pending', 'false', { timeout: 30_000 })
  expectSameValue(Number(await sweep.getAttribute('data-current-value')), last)
  expectSameForecast(
    Number(await sweep.getAttribute('data-current')),
    Number(await page.getByTestId('whatif-original').getAttribute('data-value'))
  )

  // Counterfactual: a target the model can reach (half way to the highest forecast the
  // sensitivity sweep found by moving one cell), within 1 % of the target's training range.
  const low = Number(await sweep.getAttribute('data-low'))
  const high = Number(await sweep.getAttribute('data-high'))
  const base = Number(await sweep.getAttribute('data-current'))
  const target = high - base > base - low ? base + (high - base) / 2 : base - (base - low) / 2
  await page.getByTestId('cf-target').fill(String(target))
  await page.getByTestId('cf-target').press('Tab')
  await page.getByTestId('cf-run').click()
  const result = page.getByTestId('cf-result')
  await expect(result).toBeVisible({ timeout: 60_000 })
  await expect(result).toHaveAttribute('data-reached', 'true')
  const outcome = page.getByTestId('cf-outcome')
  const reached = Number(await outcome.getAttribute('data-prediction'))
  const range = Number(await outcome.getAttribute('data-tolerance')) / 0.005
  expect(Math.abs(reached - target)).toBeLessThanOrEqual(0.01 * range)
  const rows = page.getByTestId('cf-changed').locator('tbody tr')
  expect(await rows.count()).toBeGreaterThan(0)
  expect(await rows.count()).toBeLessThan(T)
  await shoot(page, 'whatif-counterfactual')

  // Apply it as an edit: the editor shows the counterfactual's forecast.
  await page.getByTestId('cf-apply').click()
  const applied = await settledForecast(page)
  expect(Math.abs(applied - reached)).toBeLessThanOrEqual(0.01 * range)

  // Leaving the view and coming back keeps the edits and the counterfactual.
  const appliedCount = ((await count.textContent()) ?? '').trim()
  await page.getByTestId('nav-data').click()
  await page.getByTestId('nav-explain').click()
  await expect(count).toHaveText(appliedCount)
  expect(await settledForecast(page)).toBe(applied)
  await expect(page.getByTestId('cf-result')).toHaveAttribute('data-reached', 'true')

  // Save it as a scenario: listed, still there after a reload, loads back into the editor.
  await page.getByTestId('scenario-name').fill('Counterfactual 1')
  await page.getByTestId('scenario-save').click()
  const listed = page.getByTestId('scenario-list').locator('li[data-scenario="Counterfactual 1"]')
  await expect(listed).toBeVisible()
  await page.getByTestId('scenarios').screenshot({ path: join(SCREENS, 'whatif-scenarios.png') })
  // Exports next to the original: JSON (the saved file with its changed cells), CSV (one row
  // per cell with both values, then the forecasts) and a self-contained HTML report.
  const json = JSON.parse(
    await downloaded(page, () => listed.getByTestId('scenario-export-json').click())
  ) as { schema: string; name: string; edited: { prediction: number }; changed: unknown[] }
  expect(json.schema).toBe('hindsight.scenario/1')
  expect(json.name).toBe('Counterfactual 1')
  expect(Math.abs(json.edited.prediction - applied)).toBeLessThan(1e-9)
  expect(json.changed.length).toBe(await rows.count())
  const csv = (await downloaded(page, () => listed.getByTestId('scenario-export-csv').click()))
    .trim()
    .split('\n')
  expect(csv[0]).toBe('date,lag,feature,original,edited,changed')
  expect(csv).toHaveLength(1 + T + 1)
  expect(csv.filter((line) => line.endsWith(',true'))).toHaveLength(json.changed.length)
  const html = await downloaded(page, () => listed.getByTestId('scenario-export-html').click())
  expect(html).toContain('Counterfactual 1')
  expect(html).toContain('<svg')
  const editedCount = ((await count.textContent()) ?? '').trim()
  // The app reopens where it was (the Explain view of this run).
  await page.reload()
  await page.getByTestId('nav-explain').click()
  await expect(listed).toBeVisible()
  await expect(count).toContainText('no edits')
  await listed.getByTestId('scenario-load').click()
  await expect(count).toHaveText(editedCount)
  expect(Math.abs((await settledForecast(page)) - applied)).toBeLessThan(1e-9)
  await listed.getByTestId('scenario-delete').click()
  await expect(listed).toHaveCount(0)

  test.info().annotations.push({
    type: 'latency',
    description: JSON.stringify({ firstLatency, secondLatency })
  })
  console.log(`what-if latencies (ms): ${JSON.stringify({ firstLatency, secondLatency })}`)
  expect(consoleErrors).toEqual([])
})

/** Two forecasts of the same window from separate engine calls agree (float32 model). */
function expectSameForecast(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(expected)))
}

/** A value the table shows (7 significant digits) and the engine's full-precision one agree. */
function expectSameValue(actual: number, shown: number): void {
  expect(Math.abs(actual - shown)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(shown)))
}

/** The text of the file a click downloads. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()])
  return readFileSync(await file.path(), 'utf8')
}

/** Screenshots of the Explain view at both widths in both languages, checked for layout. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const language of ['en', 'zh-CN'] as const) {
    await page.getByTestId('language').selectOption(language)
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    for (const width of [1400, 900] as const) {
      await page.setViewportSize({ width, height: 900 })
      await showWholeView(page)
      await page.waitForTimeout(300)
      await page.screenshot({ path: join(SCREENS, `${name}-${width}-${language}.png`) })
      // The two cards alone, at a size a person reads without zooming.
      for (const card of ['whatif-panel', 'counterfactual-panel']) {
        await page
          .getByTestId(card)
          .screenshot({ path: join(SCREENS, `${name}-${width}-${language}-${card}.png`) })
      }
      const report = await checkLayout(page)
      expect(report.problems, `${name} at ${width} px in ${language}`).toEqual([])
    }
  }
  await page.getByTestId('language').selectOption('en')
  await page.setViewportSize({ width: 1400, height: 900 })
}

test('what-if on a run with two inputs: edit the second input, lock one in the counterfactual', async ({
  page,
  server
}) => {
  test.setTimeout(180_000)
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(server.url)
  await page.getByTestId('nav-data').click()
  await expectSampleOpen(page)
  await chooseSmallWindow(page)
  await page.getByRole('checkbox', { name: 'co2_adjusted', exact: true }).check()
  await chooseTinyModel(page, 2)
  await trainAndSeeLoss(page, 2)
  await page.getByTestId('nav-explain').click()

  const series = page.getByTestId('whatif-series')
  await expect(series.locator('option')).toHaveText(['co2', 'co2_adjusted'])
  await series.selectOption('co2_adjusted')
  await page.getByTestId('whatif-table').locator('summary').click()
  // One column per input, in the run's order (target first).
  await expect(page.getByTestId('whatif-table').locator('thead th')).toHaveText([
    'Date',
    'co2',
    'co2_adjusted'
  ])
  const target = page.getByTestId(`whatif-cell-${T - 1}-0`)
  const second = page.getByTestId(`whatif-cell-${T - 1}-1`)
  const targetBefore = await target.inputValue()
  const value = Number(await second.inputValue())
  await dragPoint(page, T - 1, value, -50)
  // The drag edited the series on the chart (co2_adjusted), not the target.
  expect(Number(await second.inputValue())).toBeGreaterThan(value)
  expect(await target.inputValue()).toBe(targetBefore)
  const original = Number(await page.getByTestId('whatif-original').getAttribute('data-value'))
  expect(await settledForecast(page)).not.toBe(original)
  await settledAttributions(page)
  await expect
    .poll(() => countBars(page, '[data-testid="whatif-step-bars"]', { hues: ['red', 'blue'] }))
    .toBe(T)

  // Counterfactual with the target locked: whatever it changes is co2_adjusted.
  await page.getByTestId('whatif-reset').click()
  await page.getByTestId('cf-lock-co2').check()
  await page.getByTestId('cf-target').fill(String(original + 0.5))
  await page.getByTestId('cf-target').press('Tab')
  await page.getByTestId('cf-run').click()
  await expect(page.getByTestId('cf-result')).toBeVisible({ timeout: 60_000 })
  const inputs = await page
    .getByTestId('cf-changed')
    .locator('tbody tr td:nth-child(2)')
    .allTextContents()
  await expect(page.getByTestId('cf-result')).toHaveAttribute('data-reached', /true|false/)
  expect(inputs.filter((name) => name.trim() === 'co2')).toEqual([])
})

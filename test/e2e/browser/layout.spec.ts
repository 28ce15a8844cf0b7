/**
 * Every view at 1400 px and 900 px wide, in English and Simplified Chinese: nothing scrolls
 * sideways, no text collides with other text or a control (test/e2e/layout.ts). A tiny model is
 * trained and one forecast explained first, so Results and Explain show real content. Full-page
 * screenshots land in test-results/screens/<view>-<width>-<language>.png for a person to look at.
 */
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import {
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectSampleOpen,
  explainForecast,
  ROOT,
  test,
  trainAndSeeLoss
} from '../fixtures'
import { recordCanvasText } from '../canvas-text'
import { checkLayout, showWholeView } from '../layout'

const VIEWS = ['data', 'train', 'results', 'explain', 'runs'] as const
const WIDTHS = [1400, 900] as const
const LANGUAGES = ['en', 'zh-CN'] as const
const SCREENS = join(ROOT, 'test-results', 'screens')

/**
 * Views that fail these checks today, by `<view>-<width>-<language>`: what fails, whose it is to
 * fix, and the problems it shows. Such a check still runs, screenshots and lists its problems;
 * it is marked an expected failure only when every problem it finds is the known one, and a
 * new problem fails it for real. Branches fixing these merge at different times, so a fixed
 * view passes and says its entry can go.
 */
interface KnownFailure {
  what: string
  problem: RegExp
}
const KNOWN_FAILURES: Record<string, KnownFailure> = {}

let page: Page
const consoleErrors: string[] = []

test.beforeAll(async ({ browser, server }) => {
  test.setTimeout(180_000)
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(error.message))
  await recordCanvasText(page)
  await page.goto(server.url)
  await expectSampleOpen(page)
  await chooseSmallWindow(page)
  await chooseTinyModel(page, 2)
  await trainAndSeeLoss(page, 2)
  await explainForecast(page, 6, 12)
})

test.afterAll(async () => {
  await page?.close()
})

test('the layout check finds overlapping text and sideways scrolling on a page built to have them', async ({
  browser
}) => {
  const probe = await browser.newPage({ viewport: { width: 600, height: 400 } })
  await probe.setContent(`<!doctype html>
    <div style="position:absolute; left:10px; top:150px">
      <span style="display:inline-block; width:60px; overflow:hidden; text-overflow:ellipsis; white-space:nowrap">2 (2 numeric)</span>
      <span title="CO2 at Mauna Loa (monthly)" style="display:inline-block; width:60px; overflow:hidden; white-space:nowrap">CO2 at Mauna Loa (monthly)</span>
      <select style="width:90px"><option>Standardize (z-score)</option></select>
      <select style="width:90px"><option>Zeros</option></select>
    </div>
    <label style="position:absolute; left:10px; top:10px">Window (steps)</label>
    <button style="position:absolute; left:40px; top:12px">Start training</button>
    <h2 style="position:absolute; left:10px; top:100px">Clean heading</h2>
    <div style="overflow-x:auto; width:200px; position:absolute; top:200px">
      <table><tr><td style="white-space:nowrap">a cell far wider than its two-hundred-pixel card</td></tr></table>
    </div>
    <p style="position:absolute; left:500px; top:300px; white-space:nowrap">cut by the edge of the window</p>`)
  const report = await checkLayout(probe)
  await probe.close()
  expect(report.problems).toEqual([
    expect.stringMatching(/^the page scrolls sideways/),
    expect.stringMatching(/^<div> .* scrolls sideways: \d+px of content in 200px$/),
    expect.stringMatching(/^<p> "cut by the edge of the window" is cut by the window's right edge/),
    expect.stringMatching(/^<span> "2 \(2 numeric\)" is cut short: 60px shown of \d+px/),
    expect.stringMatching(
      /^<select> "Standardize \(z-score\)" shows its value "Standardize \(z-score\)" cut/
    ),
    expect.stringMatching(/^<label> "Window \(steps\)" overlaps <button> "Start training"/)
  ])
})

test('the canvas label check finds overlapping labels and labels cut by the canvas edge', async ({
  browser
}) => {
  const probe = await browser.newPage({ viewport: { width: 600, height: 400 } })
  await recordCanvasText(probe)
  // Frame 1 (cleared, so not counted): two labels on top of each other. Frame 2: two labels
  // overlapping, rotated labels close together but apart, and one label past the right edge.
  const html = `<!doctype html><div data-testid="demo-chart"><canvas width="300" height="150"></canvas></div>
    <script>
      const ctx = document.querySelector('canvas').getContext('2d')
      ctx.font = '12px sans-serif'
      ctx.fillText('old label', 10, 20)
      ctx.fillText('old label too', 12, 20)
      ctx.save(); ctx.resetTransform(); ctx.clearRect(0, 0, 300, 150); ctx.restore()
      ctx.fillText('Feb 1, 2010', 10, 20)
      ctx.fillText('Apr 1, 2010', 40, 20)
      for (const [i, label] of ['Jan', 'Feb', 'Mar'].entries()) {
        ctx.save(); ctx.translate(20 + 14 * i, 100); ctx.rotate(-Math.PI / 4)
        ctx.fillText(label + ' 2011', 0, 0); ctx.restore()
      }
      ctx.fillText('cut off', 280, 60)
    </script>`
  await probe.goto(`data:text/html,${encodeURIComponent(html)}`)
  const report = await checkLayout(probe)
  await probe.close()
  expect(report.problems).toEqual([
    'chart demo-chart: label "cut off" is cut by the canvas edge',
    'chart demo-chart: labels "Feb 1, 2010" and "Apr 1, 2010" overlap'
  ])
})

async function openView(view: (typeof VIEWS)[number]): Promise<void> {
  await page.getByTestId(`nav-${view}`).click()
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  if (view === 'results') await expect(page.getByTestId('metrics-table')).toBeVisible()
  if (view === 'runs') await expect(page.getByTestId('runs-table')).toBeVisible()
  if (view === 'explain' && !(await page.getByTestId('trust-panel').isVisible())) {
    // Leaving Explain may drop its result (issue 15, item 11): reopen the past explanation.
    await page.getByTestId('history-table').locator('tbody button').first().click()
    await expect(page.getByTestId('trust-panel')).toBeVisible({ timeout: 30_000 })
  }
  await page.mouse.wheel(0, -100_000)
}

for (const width of WIDTHS) {
  for (const language of LANGUAGES) {
    for (const view of VIEWS) {
      const key = `${view}-${width}-${language}`
      const known = KNOWN_FAILURES[key]
      test(`${view} at ${width} px in ${language}: no sideways scrolling, no colliding or cut text`, async () => {
        await page.setViewportSize({ width, height: 900 })
        const switcher = page.getByTestId('language')
        if ((await switcher.inputValue()) !== language) await switcher.selectOption(language)
        await expect(page.locator('html')).toHaveAttribute('lang', language)
        await openView(view)
        // The whole view on screen: checked all the way down, and in one picture.
        await showWholeView(page)
        // Let charts redraw at the new size before measuring.
        await page.waitForTimeout(300)
        await page.screenshot({ path: join(SCREENS, `${view}-${width}-${language}.png`) })
        const report = await checkLayout(page)
        expect(report.texts, 'texts measured').toBeGreaterThan(10)
        // Every view but Runs draws charts; their labels must have been seen to be checked.
        if (view !== 'runs') expect(report.canvasLabels, 'canvas labels seen').toBeGreaterThan(10)
        if (!known) {
          expect(report.problems).toEqual([])
          return
        }
        const unknown = report.problems.filter((problem) => !known.problem.test(problem))
        expect(unknown, `problems besides the known one (${known.what})`).toEqual([])
        if (report.problems.length === 0) {
          console.log(`KNOWN_FAILURES['${key}'] no longer fails: remove the entry (${known.what})`)
          return
        }
        const list = report.problems.join('\n  ')
        console.log(
          `KNOWN LAYOUT DEFECT (expected failure, not a pass) ${key}: ${known.what}\n  ${list}`
        )
        test.fail(true, known.what)
        throw new Error(`${known.what}:\n  ${list}`)
      })
    }
  }
}

test('no console errors while opening every view', () => {
  expect(consoleErrors).toEqual([])
})

/**
 * Data view, issue 16's second half: the series chart zooms (wheel, keys,
 * reset) and draws gaps as gaps, the rows table is virtual and reaches any
 * row of a large file, and a browser upload goes in chunks with progress.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { canvasStats, countBars } from '../canvas'
import { expect, expectSampleOpen, ROOT, test } from '../fixtures'

const SHOTS = join(ROOT, 'test-results', 'explore-screens')
const SERIES = '[data-testid="series-chart"]'

/** What the series canvas shows now, as an image (to tell one drawing from another). */
function seriesImage(page: Page): Promise<string> {
  return page
    .locator(`${SERIES} canvas`)
    .evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL())
}

async function visibleRows(page: Page): Promise<{ from: number; to: number }> {
  const chart = page.locator(SERIES)
  return {
    from: Number(await chart.getAttribute('data-from')),
    to: Number(await chart.getAttribute('data-to'))
  }
}

/** Pixels of the target's line (blue) in the plot. */
async function blueLine(page: Page): Promise<number> {
  return (await canvasStats(page, SERIES, { band: { top: 0, bottom: 0.82 } })).hues.blue
}

/** The target's line (blue) in the plot, above the legend: how many unbroken stretches. */
function lineStretches(page: Page): Promise<number> {
  return countBars(page, SERIES, { hues: ['blue'], band: { top: 0, bottom: 0.82 }, minWidth: 3 })
}

test.describe('Data view: zoom, gaps, rows and chunked upload', () => {
  test('zooms the series chart with keys and the wheel, fetches the detail, and resets', async ({
    page,
    server
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(server.url)
    await expectSampleOpen(page)
    const chart = page.locator(SERIES)
    await expect(chart).toHaveAttribute('data-to', '745')
    // Everything that draws on the chart has arrived (the inspection comes last).
    await expect(page.getByTestId('acf-chart')).toBeVisible()
    await page.mouse.move(0, 0)
    await expect.poll(() => lineStretches(page)).toBeGreaterThan(0)
    const whole = await seriesImage(page)
    const wholeBlue = await blueLine(page)

    await chart.focus()
    await page.keyboard.press('+')
    await page.keyboard.press('+')
    const zoomed = await visibleRows(page)
    expect(zoomed.to - zoomed.from).toBeLessThan(745 * 0.6)
    // The engine sends the visible rows again, at the plot's width, and the chart redraws.
    await expect(chart).not.toHaveAttribute('data-detail', '0')
    await expect.poll(() => seriesImage(page)).not.toBe(whole)
    await expect(page.getByTestId('series-reset-zoom')).toBeEnabled()

    // Arrow keys pan: the same width, further left.
    await page.keyboard.press('ArrowLeft')
    const panned = await visibleRows(page)
    expect(panned.from).toBeLessThan(zoomed.from)
    expect(panned.to - panned.from).toBeCloseTo(zoomed.to - zoomed.from, -1)

    await page.getByTestId('series-reset-zoom').click()
    await expect(chart).toHaveAttribute('data-from', '0')
    await expect(chart).toHaveAttribute('data-to', '745')
    await expect(chart).toHaveAttribute('data-detail', '0')
    await page.mouse.move(0, 0)
    // The whole series is drawn again: as much of the target's blue as at first (within
    // anti-aliasing; the scale restored by the zoom plugin may differ by a fraction of a pixel).
    await expect
      .poll(async () => Math.abs((await blueLine(page)) / wholeBlue - 1))
      .toBeLessThan(0.03)

    // The wheel zooms around the pointer too.
    const box = (await chart.boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.wheel(0, -600)
    await expect.poll(async () => (await visibleRows(page)).to).toBeLessThan(745)
    await expect(chart).not.toHaveAttribute('data-from', '0')
    // Dragging pans: to the left shows later rows.
    const before = await visibleRows(page)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 - 200, box.y + box.height / 2, { steps: 10 })
    await page.mouse.up()
    await expect.poll(async () => (await visibleRows(page)).from).toBeGreaterThan(before.from)
    await page.keyboard.press('0')

    // Screenshots: the Data view with the rows table and a zoomed chart, both languages and widths.
    mkdirSync(SHOTS, { recursive: true })
    await chart.focus()
    await page.keyboard.press('0')
    await page.keyboard.press('+')
    await page.keyboard.press('+')
    for (const width of [1400, 900]) {
      for (const locale of ['en', 'zh-CN']) {
        await page.setViewportSize({ width, height: 900 })
        await page.getByTestId('language').selectOption(locale)
        await expect(chart).not.toHaveAttribute('data-detail', '0')
        // No focus ring or tooltip in the pictures.
        await chart.blur()
        await page.mouse.move(0, 0)
        const series = page.locator('section', { has: chart })
        await series.scrollIntoViewIfNeeded()
        await series.screenshot({ path: join(SHOTS, `series-${width}-${locale}.png`) })
        await page
          .getByTestId('rows-table')
          .screenshot({ path: join(SHOTS, `rows-${width}-${locale}.png`) })
        await page.screenshot({ path: join(SHOTS, `data-${width}-${locale}.png`) })
      }
    }
    await page.getByTestId('language').selectOption('en')
  })

  test('draws a gap in time as a gap in the line and says where the step breaks', async ({
    page,
    server
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(server.url)
    await expectSampleOpen(page)
    // 80 days with ten (2021-03-01 … 03-10) absent: one break of the daily step.
    const rows = ['date,v']
    for (let i = 0; i < 90; i++) {
      const day = new Date(Date.UTC(2021, 1, 1) + i * 86_400_000).toISOString().slice(0, 10)
      if (day >= '2021-03-01' && day <= '2021-03-10') continue
      rows.push(`${day},${(20 + 0.05 * i).toFixed(2)}`)
    }
    await page.getByTestId('upload-input').setInputFiles({
      name: 'gaps.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${rows.join('\n')}\n`)
    })
    await expect(page.getByTestId('dataset-summary')).toContainText('gaps.csv')
    await expect(page.getByTestId('series-breaks')).toContainText('Mar 11, 2021')
    await expect(page.getByTestId('series-breaks')).toContainText('1 day')
    // One line before the gap, one after: two stretches of the target's blue.
    await expect.poll(() => lineStretches(page)).toBe(2)
    // The break is marked on the chart (a dashed orange line between the two stretches).
    await expect
      .poll(() =>
        countBars(page, SERIES, {
          hues: ['orange'],
          band: { top: 0.25, bottom: 0.75 },
          minWidth: 1
        })
      )
      .toBe(1)
    mkdirSync(SHOTS, { recursive: true })
    await page
      .locator('section', { has: page.locator(SERIES) })
      .screenshot({ path: join(SHOTS, 'series-gaps-1400-en.png') })
  })

  test('uploads a 1,000,000-row file in chunks with progress; the rows table reaches any row', async ({
    page,
    server
  }, testInfo) => {
    test.setTimeout(180_000)
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(server.url)
    await expectSampleOpen(page)
    const start = Date.UTC(2000, 0, 1)
    const lines = ['time,a,b']
    for (let i = 0; i < 1_000_000; i++) {
      const t = new Date(start + i * 60_000).toISOString().slice(0, 19)
      lines.push(`${t},${i % 1000},${i % 7 === 0 ? '' : (i / 2).toFixed(1)}`)
    }
    const file = testInfo.outputPath('big.csv')
    writeFileSync(file, `${lines.join('\n')}\n`)

    // Every progress text shown, recorded in the page (the upload can be quick).
    await page.evaluate(() => {
      const seen: string[] = []
      ;(globalThis as unknown as { progressSeen: string[] }).progressSeen = seen
      const g = globalThis as unknown as {
        MutationObserver: new (cb: () => void) => { observe(n: unknown, o: unknown): void }
        document: { body: unknown; querySelector(s: string): { textContent: string } | null }
      }
      new g.MutationObserver(() => {
        const text = g.document.querySelector('[data-testid="open-progress-text"]')?.textContent
        if (text && seen.at(-1) !== text) seen.push(text)
      }).observe(g.document.body, { subtree: true, childList: true, characterData: true })
    })
    await page.getByTestId('upload-input').setInputFiles(file)
    await expect(page.getByTestId('dataset-summary')).toContainText('big.csv', { timeout: 120_000 })
    await expect(page.getByTestId('dataset-rows')).toHaveText('1,000,000')
    const seen = await page.evaluate(
      () => (globalThis as unknown as { progressSeen: string[] }).progressSeen
    )
    expect(
      seen.some((t) => /^Uploading big\.csv: \d+%$/.test(t.trim())),
      seen.join(' | ')
    ).toBe(true)

    const table = page.getByTestId('rows-table')
    const shown = table.getByTestId('rows-row')
    await expect(shown.first()).toHaveAttribute('data-row', '1')
    await expect(table.getByTestId('rows-time').first()).toHaveText('2000-01-01T00:00:00.000Z')
    expect(await shown.count()).toBeLessThan(25)

    // Go to a far row: it is drawn, with the file's values, and few rows are in the page.
    const target = 765_432
    await table.getByTestId('rows-go-to').fill(String(target))
    await table.getByTestId('rows-go').click()
    const row = table.locator(`[data-row="${target}"]`)
    await expect(row).toBeVisible()
    await expect(row).toHaveClass(/marked/)
    const i = target - 1
    await expect(row.getByTestId('rows-time')).toHaveText(
      new Date(start + i * 60_000).toISOString()
    )
    const cells = row.locator('td.num')
    await expect(cells.nth(0)).toHaveText(String(i % 1000))
    await expect(cells.nth(1)).toHaveText(
      i % 7 === 0 ? 'missing' : (i / 2).toLocaleString('en-US', { maximumFractionDigits: 6 })
    )
    expect(await shown.count()).toBeLessThan(25)

    // The keyboard: End reaches the last row; Page Up goes back a screenful.
    await page.getByTestId('rows-viewport').focus()
    await page.keyboard.press('End')
    await expect(table.locator('[data-row="1000000"]')).toBeVisible()
    await page.keyboard.press('PageUp')
    await expect(table.locator('[data-row="1000000"]')).toHaveCount(0)
    // A missing cell reads as missing (row 7 × n + 1 has no b).
    await table.getByTestId('rows-go-to').fill('8')
    await table.getByTestId('rows-go').click()
    await expect(table.locator('[data-row="8"] td.num').nth(1)).toHaveText('missing')
  })
})

import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { canvasStats, countBars } from '../canvas'
import { expect, expectSampleOpen, ROOT, test } from '../fixtures'

const SHOTS = join(ROOT, 'test-results', 'data-screens')

/** A semicolon file whose "Menge" (1.234 = one thousand two hundred…) outvotes "Wert" (1,5) for a dot decimal. */
function europeanCsv(): string {
  const rows = ['Datum;Wert;Menge']
  for (let i = 0; i < 40; i++) {
    const day = new Date(Date.UTC(2021, 0, 1 + i))
    const d = `${String(day.getUTCDate()).padStart(2, '0')}.${String(day.getUTCMonth() + 1).padStart(2, '0')}.2021`
    rows.push(`${d};${i % 7},${(i * 3) % 10};1.${String(100 + i).padStart(3, '0')}`)
  }
  return rows.join('\n') + '\n'
}

async function upload(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.getByTestId('upload-input').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: typeof content === 'string' ? Buffer.from(content) : content
  })
}

test.describe('Data view: explore a dataset before training', () => {
  test('shows window counts per missing-value policy, the ACF with its band and suggestions, histograms', async ({
    page,
    server
  }) => {
    await page.setViewportSize({ width: 1400, height: 900 })
    await page.goto(server.url)
    await expectSampleOpen(page)
    // CO2 has five missing months: skipping windows that touch them keeps fewer than filling.
    const kept = page.getByTestId('policy-windows')
    await page.getByLabel('Missing values').selectOption('skip')
    await expect(page.getByTestId('policy-row-skip')).toHaveClass(/chosen/)
    const skip = await kept.textContent()
    await page.getByLabel('Missing values').selectOption('ffill')
    await expect(kept).not.toHaveText(skip ?? '')
    const train = (row: string): Promise<string | null> =>
      page.getByTestId(`policy-row-${row}`).locator('td').first().textContent()
    expect(Number((await train('skip'))?.replace(/\D/g, ''))).toBeLessThan(
      Number((await train('ffill'))?.replace(/\D/g, ''))
    )
    await expect(page.getByTestId(`policy-row-ffill`)).toHaveClass(/chosen/)

    // The ACF of the CO2 changes: one bar per lag, the season's peak in orange, the band in purple.
    const acf = page.getByTestId('acf-chart')
    await expect(acf).toBeVisible()
    const stats = await canvasStats(page, '[data-testid="acf-chart"]')
    expect(stats.hues.blue).toBeGreaterThan(0)
    expect(stats.hues.orange).toBeGreaterThan(0)
    expect(stats.hues.purple).toBeGreaterThan(0)
    expect(await countBars(page, '[data-testid="acf-chart"]', { hues: ['orange'] })).toBe(1)
    await expect(page.getByTestId('suggest-season')).toContainText('12')
    await expect(page.getByTestId('suggest-mode')).toContainText('KPSS')

    // Each numeric column has a histogram with several bins drawn.
    const histogram = '[data-testid="histogram"][data-column="co2"]'
    expect(await countBars(page, histogram)).toBeGreaterThanOrEqual(5)

    mkdirSync(SHOTS, { recursive: true })
    for (const width of [1400, 900]) {
      for (const locale of ['en', 'zh-CN']) {
        await page.setViewportSize({ width, height: 900 })
        await page.getByTestId('language').selectOption(locale)
        await expect(page.getByTestId('acf-chart')).toBeVisible()
        await page.screenshot({ path: join(SHOTS, `data-${width}-${locale}.png`) })
        for (const card of ['explore-panel', 'policy-table', 'columns-table', 'import-panel']) {
          await page
            .getByTestId(card)
            .screenshot({ path: join(SHOTS, `data-${width}-${locale}-${card}.png`) })
        }
      }
    }
    await page.getByTestId('language').selectOption('en')
  })

  test('reads a semicolon/comma-decimal file once the decimal separator is overridden', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    await upload(page, 'eu.csv', europeanCsv())
    await expect(page.getByTestId('dataset-summary')).toContainText('eu.csv')
    const table = page.getByTestId('columns-table')
    await expect(table.locator('tr', { hasText: 'Wert' })).toContainText('text')
    await expect(page.getByTestId('import-delimiter')).toHaveValue(';')
    await expect(page.getByTestId('import-decimal')).toHaveValue('.')
    await page.getByTestId('import-decimal').selectOption(',')
    await page.getByTestId('import-apply').click()
    await expect(page.getByTestId('import-decimal')).toHaveValue(',')
    await expect(table.locator('tr', { hasText: 'Wert' })).not.toContainText('text')
    // 1.100 … 1.139 with a comma decimal are thousands: 1,100 … 1,139.
    await expect(table.locator('tr', { hasText: 'Menge' })).toContainText('1,100')
    await expect(page.getByTestId('import-preview')).toContainText('1,3')
  })

  test('says a binary file is not a text CSV and keeps the open dataset', async ({
    page,
    server
  }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64), Buffer.from('xl/')])
    await upload(page, 'book.xlsx.csv', zip)
    await expect(page.getByTestId('open-error')).toContainText('is not a text CSV')
    await expect(page.getByTestId('dataset-summary')).toContainText('CO2 at Mauna Loa')
  })

  test('offers to sort an unsorted file and opens it sorted', async ({ page, server }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    const rows = Array.from(
      { length: 30 },
      (_, i) => `2021-01-${String(i + 1).padStart(2, '0')},${i}`
    )
    ;[rows[3], rows[4]] = [rows[4]!, rows[3]!]
    await upload(page, 'unsorted.csv', `date,v\n${rows.join('\n')}\n`)
    await expect(page.getByTestId('open-error')).toContainText('time goes backwards')
    await page.getByTestId('fix-sort').click()
    await expect(page.getByTestId('dataset-summary')).toContainText('unsorted.csv')
    await expect(page.getByTestId('data-warnings')).toContainText('sorted by time')
  })

  test('cancels the load of a large file, keeping the open dataset', async ({ page, server }) => {
    await page.goto(server.url)
    await expectSampleOpen(page)
    const rows = Array.from({ length: 1_500_000 }, (_, i) => `${i},${i % 97},${(i * 7) % 13}`)
    await upload(page, 'large.csv', `n,a,b\n${rows.join('\n')}\n`)
    await expect(page.getByTestId('open-progress')).toBeVisible()
    await page.getByTestId('cancel-open').click()
    await expect(page.getByTestId('open-error')).toContainText('Opening large.csv was cancelled')
    await expect(page.getByTestId('dataset-summary')).toContainText('CO2 at Mauna Loa')
    await expect(page.getByTestId('open-progress')).toHaveCount(0)
  })
})

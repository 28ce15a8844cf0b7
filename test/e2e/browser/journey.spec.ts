import {
  chooseSmallWindow,
  chooseTinyModel,
  expect,
  expectResults,
  expectSampleOpen,
  MALFORMED_CSV,
  test,
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
    await expectResults(page)
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
})

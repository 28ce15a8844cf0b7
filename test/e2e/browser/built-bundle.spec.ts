/**
 * The browser-mode journeys run the BUILT server (the fixtures' default); its engine must be
 * the bundle Electron loads, not the TypeScript sources.
 */
import { join } from 'node:path'
import { childCommands, expect, expectSampleOpen, ROOT, test } from '../fixtures'

test('out/bridge/serve.js serves the app and forks out/main/engine.js, the engine Electron loads', async ({
  page,
  server
}) => {
  await page.goto(server.url)
  await expectSampleOpen(page)
  // Train asks the engine for its backend: the engine is up and answering.
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('backend-name')).toHaveText(/\w/, { timeout: 60_000 })
  const engine = join(ROOT, 'out', 'main', 'engine.js')
  await expect.poll(() => childCommands(server.pid)).toContainEqual(expect.stringContaining(engine))
  expect(childCommands(server.pid).join('\n')).not.toContain('tsx')

  // What the bundle carries loads from it: the wasm backend (tfjs-backend-wasm and its .wasm)
  // never fails to load, and on wasm or cpu the fused kernels (their module is inlined in the
  // bundle, their worker threads run from a string) start rather than fall back to stock.
  const panel = page.getByTestId('backend-panel')
  const wasm = panel.locator('li', { hasText: 'WebAssembly' }).locator('.tried-reason')
  await expect(wasm).toHaveText(/^(loaded|chosen by|not needed|not tried)/)
  const kernels = page.getByTestId('kernel-path')
  await expect(kernels).not.toContainText('failed to start')
  const backend = (await page.getByTestId('backend-name').textContent()) ?? ''
  if (/WebAssembly|Plain JavaScript/.test(backend) && !process.env['HINDSIGHT_KERNELS']) {
    await expect(kernels.locator('.badge')).toHaveText('fused')
  }
})

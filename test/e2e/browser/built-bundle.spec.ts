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
})

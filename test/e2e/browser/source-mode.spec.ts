/**
 * The one browser-mode test from the TypeScript sources (tsx, no build of the server or the
 * engine): `tsx src/bridge/serve.ts` keeps working for development. Everything else runs built.
 */
import { join } from 'node:path'
import { childCommands, expect, expectSampleOpen, ROOT, test } from '../fixtures'

test.use({ serverMode: 'source' })

test('tsx src/bridge/serve.ts serves the app and forks the engine from its sources', async ({
  page,
  server
}) => {
  await page.goto(server.url)
  await expectSampleOpen(page)
  // Train asks the engine for its backend: the source engine is up and answering.
  await page.getByTestId('nav-train').click()
  await expect(page.getByTestId('backend-name')).toHaveText(/\w/, { timeout: 60_000 })
  const entry = join(ROOT, 'src', 'core', 'engine', 'entry.ts')
  await expect.poll(() => childCommands(server.pid)).toContainEqual(expect.stringContaining(entry))
})

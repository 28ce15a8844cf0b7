/** The built preload: one CommonJS file that requires only electron (no zod, no chunks). */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, ROOT, test } from '../fixtures'

const dir = join(ROOT, 'out', 'preload')

test('the preload bundle is a single CJS file requiring only electron', () => {
  // `npm run test:e2e` builds out/ first; a missing bundle is a failure, never a skip.
  expect(existsSync(dir), 'out/preload is missing: run `npx electron-vite build` first').toBe(true)
  expect(readdirSync(dir)).toEqual(['index.js'])
  const code = readFileSync(join(dir, 'index.js'), 'utf8')
  const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1])
  expect(new Set(requires)).toEqual(new Set(['electron']))
  expect(code).not.toMatch(/\bimport\s|zod|ZodError/)
  expect(code).toContain('exposeInMainWorld("hindsight"')
})

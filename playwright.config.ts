// Two projects run the same journey: `browser` drives Debian's Chromium against
// browser mode (npm run serve), `electron` launches the real app through
// Playwright's _electron and skips, loudly, where Electron's binary is missing.
// Run through `npm run test:e2e` (scripts/e2e.mjs), which builds first.
import { defineConfig } from '@playwright/test'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // Two cores: one browser, one bridge, one engine at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1366, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure'
  },
  projects: [
    {
      name: 'browser',
      testMatch: /browser\/.*\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env['HINDSIGHT_CHROMIUM'] ?? '/usr/bin/chromium',
          args: CHROMIUM_ARGS
        }
      }
    },
    {
      name: 'electron',
      testMatch: /electron\/.*\.spec\.ts$/
    }
  ]
})

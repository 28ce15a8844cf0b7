#!/usr/bin/env node
// `npm run test:e2e`: build the app (electron-vite: main, preload, renderer), the
// browser-mode server (out/bridge/serve.js, which forks the app's out/main/engine.js)
// and the browser-mode renderer, make sure Debian's Chromium is there, then run
// Playwright (projects: browser, electron). Extra arguments go to Playwright.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const chromium = process.env.HINDSIGHT_CHROMIUM ?? '/usr/bin/chromium'
const started = Date.now()

function run(label, command, args, options = {}) {
  const t0 = Date.now()
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.error) throw result.error
  if (label) console.log(`e2e: ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  return result.status ?? 1
}

function bin(pkg, file) {
  return join(root, 'node_modules', pkg, file)
}

function ensureChromium() {
  if (existsSync(chromium)) return true
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot || process.env.HINDSIGHT_CHROMIUM) {
    console.error(
      `e2e: Chromium not found at ${chromium}; install it with \`sudo apt-get install -y chromium\` (Debian) or set HINDSIGHT_CHROMIUM to a Chromium binary.`
    )
    return false
  }
  console.log('e2e: installing Debian’s chromium with apt-get (running as root)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const ok =
    run('', 'apt-get', ['update', '-qq'], { env }) === 0 &&
    run('apt-get install chromium', 'apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0
  if (!ok || !existsSync(chromium)) {
    console.error(
      'e2e: apt-get could not install chromium; install it by hand: apt-get install -y chromium'
    )
    return false
  }
  return true
}

if (
  run('built main, preload and renderer', process.execPath, [
    bin('electron-vite', 'bin/electron-vite.js'),
    'build',
    '--logLevel',
    'warn'
  ]) !== 0
) {
  process.exit(1)
}
if (
  run('built the browser-mode server', process.execPath, [
    bin('vite', 'bin/vite.js'),
    'build',
    '--config',
    'vite.bridge.config.ts',
    '--logLevel',
    'warn'
  ]) !== 0
) {
  process.exit(1)
}
if (
  run('built the browser-mode renderer', process.execPath, [
    bin('vite', 'bin/vite.js'),
    'build',
    '--config',
    'vite.renderer.config.ts',
    '--logLevel',
    'warn'
  ]) !== 0
) {
  process.exit(1)
}
if (!ensureChromium()) process.exit(1)

/**
 * Playwright's --project takes several values, so `--project browser spec.ts` would read the
 * spec as a project name; join each `--project NAME` into `--project=NAME`.
 */
function playwrightArgs(args) {
  const out = []
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--project' && i + 1 < args.length) out.push(`--project=${args[++i]}`)
    else out.push(args[i])
  }
  return out
}

const status = run(
  'playwright',
  process.execPath,
  [bin('@playwright/test', 'cli.js'), 'test', ...playwrightArgs(process.argv.slice(2))],
  {
    env: { ...process.env, HINDSIGHT_CHROMIUM: chromium }
  }
)
console.log(`e2e: done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exit(status)

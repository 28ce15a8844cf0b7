#!/usr/bin/env node
// `npm run dist`: installers for this platform (electron-builder.yml: AppImage + deb on
// Linux, NSIS on Windows, dmg on macOS) into dist/. electron-builder is pointed at the
// Electron that `npm ci` installed, so it never downloads another; where that binary is
// missing (no network at install time) this stops with one line instead of a stack trace.
// Extra arguments go to electron-builder (e.g. `npm run dist -- --dir`).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronPkg = join(root, 'node_modules', 'electron')

const PLATFORM_FLAG = { linux: '--linux', win32: '--win', darwin: '--mac' }
/** Where the binary sits in an unpacked Electron (electron's install writes it to path.txt). */
const EXECUTABLE = {
  linux: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron'
}

/** Electron's unpacked distribution (the folder holding its binary), or null. */
function electronDist() {
  const pathFile = join(electronPkg, 'path.txt')
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronPkg, 'dist')
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : EXECUTABLE[process.platform]
  return executable && existsSync(join(dist, executable)) ? dist : null
}

const dist = electronDist()
if (dist === null) {
  console.error(
    'Hindsight: `npm run dist` needs Electron’s binary (node_modules/electron/dist), which `npm ci` downloads and this machine does not have; run it where `npm ci` can reach the network, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron of the version in node_modules/electron.'
  )
  process.exit(1)
}
const platform = PLATFORM_FLAG[process.platform]
if (!platform) {
  console.error(`Hindsight: no installer target for ${process.platform} in electron-builder.yml.`)
  process.exit(1)
}

function run(args, hint = '') {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.error) throw result.error
  if (result.status === 0) return
  if (hint) console.error(hint)
  process.exit(result.status ?? 1)
}

// A .deb must name the project's homepage (its Homepage field); without one in package.json,
// electron-builder fails the whole build, so build the AppImage alone and say why.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const targets = []
if (process.platform === 'linux' && !pkg.homepage && !pkg.repository) {
  const explicit = process.argv.slice(2).some((a) => !a.startsWith('-'))
  if (!explicit && !process.argv.includes('--dir')) {
    console.warn(
      'Hindsight: building the AppImage only: a .deb needs "homepage" (the project’s URL) in package.json.'
    )
    targets.push('AppImage')
  }
}

run([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'])
run(
  [
    join(root, 'node_modules', 'electron-builder', 'cli.js'),
    platform,
    ...targets,
    '--publish',
    'never',
    `-c.electronDist=${dist}`,
    ...process.argv.slice(2)
  ],
  'Hindsight: electron-builder failed. The AppImage, deb, NSIS and dmg targets download their packaging tools on first use (network needed); `npm run dist -- --dir` builds the unpacked app without them.'
)
console.log(`Hindsight: installers are in ${join(root, 'dist')}`)

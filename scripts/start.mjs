#!/usr/bin/env node
// `npm start`: build and open the desktop app (it opens on the bundled sample).
// Where Electron's binary cannot be had, say so in one line and point to
// browser mode instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
/**
 * Where node_modules/electron keeps its binary, found the way its index.js does
 * but without requiring it: that would try to download the binary, then throw.
 */
function electronBinary() {
  const pkg = join(root, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const executable = readFileSync(pathFile, 'utf8').trim()
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist')
  const binary = join(dist, executable)
  return existsSync(binary) ? binary : null
}

const electron = electronBinary()
if (electron === null) {
  console.error(
    'Hindsight: Electron’s binary is not installed here (node_modules/electron has no dist/, and downloading it needs the network); run `npm run serve` to use Hindsight in your browser instead.'
  )
  process.exit(1)
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    'Hindsight: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); run `npm run serve` to use Hindsight in your browser instead.'
  )
  process.exit(1)
}

const build = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'),
    'build',
    '--logLevel',
    'warn'
  ],
  { cwd: root, stdio: 'inherit' }
)
if (build.status !== 0) process.exit(build.status ?? 1)

const child = spawn(electron, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))

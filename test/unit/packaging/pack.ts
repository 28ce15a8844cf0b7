/**
 * Builds the app the way `npm run dist` does, but with electron-builder's --dir
 * target and a stand-in Electron distribution (Electron's binary cannot be
 * downloaded here): a folder shaped like Electron's with a placeholder
 * executable. Everything electron-builder adds — the asar, the unpacked
 * natives, the extra resources — is real.
 */
import { execFile } from 'node:child_process'
import { chmod, mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from '../../helpers/paths'

const run = promisify(execFile)

export interface PackedApp {
  /** electron-builder's unpacked app folder (linux-unpacked). */
  appDir: string
  resources: string
  asar: string
  unpacked: string
  /** What electron-builder printed, for failure messages. */
  log: string
}

/** Electron's layout on Linux, with a shell script where the binary would be. */
export async function standInElectron(dir: string): Promise<string> {
  await mkdir(join(dir, 'resources'), { recursive: true })
  await writeFile(join(dir, 'electron'), '#!/bin/sh\necho "stand-in for Electron"\n')
  await chmod(join(dir, 'electron'), 0o755)
  await writeFile(join(dir, 'LICENSE'), 'Stand-in for Electron’s LICENSE\n')
  await writeFile(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n')
  return dir
}

/** electron-vite build: out/main, out/preload, out/renderer (as scripts/e2e.mjs does). */
export async function buildOut(): Promise<void> {
  await run(
    process.execPath,
    [
      join(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js'),
      'build',
      '--logLevel',
      'warn'
    ],
    { cwd: repoRoot, maxBuffer: 32 << 20 }
  )
}

/** electron-builder --dir for this machine's Linux arch, into `output`. */
export async function packDir(output: string, electronDist: string): Promise<PackedApp> {
  const { stdout, stderr } = await run(
    process.execPath,
    [
      join(repoRoot, 'node_modules/electron-builder/cli.js'),
      '--dir',
      '--linux',
      `--${process.arch}`,
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`
    ],
    {
      cwd: repoRoot,
      maxBuffer: 32 << 20,
      env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }
    }
  )
  const folder = (await readdir(output)).find((name) => /^linux(-\w+)?-unpacked$/.test(name))
  if (!folder)
    throw new Error(`electron-builder made no linux-unpacked folder:\n${stdout}${stderr}`)
  const appDir = join(output, folder)
  const resources = join(appDir, 'resources')
  return {
    appDir,
    resources,
    asar: join(resources, 'app.asar'),
    unpacked: join(resources, 'app.asar.unpacked'),
    log: `${stdout}${stderr}`
  }
}

/** Bytes under a folder (or one file). */
export async function sizeOf(path: string): Promise<number> {
  const info = await stat(path)
  if (!info.isDirectory()) return info.size
  let total = 0
  for (const name of await readdir(path)) total += await sizeOf(join(path, name))
  return total
}

/**
 * Where the app's own files are, the same way from sources (tsx, vitest), from
 * the build (out/main/*.js) and from an installed app (resources/app.asar).
 * No Electron here: the app root is found by walking up from a file of the app
 * to its package.json, and an installed app is recognised by where that root
 * sits (electron-builder puts the code in resources/app.asar and the extra
 * resources — samples, fonts — next to it in resources/).
 */
import { existsSync } from 'node:fs'
import { basename, dirname, join, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface AppPaths {
  /** The folder holding package.json and out/: the repository, or resources/app.asar. */
  readonly appRoot: string
  /** True when running from an installed app. */
  readonly packaged: boolean
  /** Shipped resources: the repository's resources/, or the install's resources/. */
  readonly resources: string
  /** The bundled sample datasets. */
  readonly samples: string
  /** The bundled fonts (a real folder, never inside the asar: native code reads them). */
  readonly fonts: string
}

/** The folder that holds `from` (a file or folder) and a package.json, walking up. */
export function findAppRoot(from: string): string {
  let dir = from
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${from}`)
    dir = parent
  }
}

/** electron-builder's layout: resources/app.asar, or an unpacked resources/app folder. */
function isPackagedRoot(appRoot: string): boolean {
  const name = basename(appRoot)
  if (name === 'app.asar') return true
  return name === 'app' && /^resources$/i.test(basename(dirname(appRoot)))
}

/**
 * The paths for an app whose code is at or below `from`. `resourcesPath` is
 * Electron's process.resourcesPath where there is one; it wins when the app
 * root lies inside it (it is the install's resources folder by definition).
 */
export function resolveAppPaths(options: { from: string; resourcesPath?: string }): AppPaths {
  const appRoot = findAppRoot(options.from)
  const packaged = isPackagedRoot(appRoot)
  const fromElectron =
    options.resourcesPath !== undefined && appRoot.startsWith(options.resourcesPath + sep)
  const resources = fromElectron
    ? (options.resourcesPath as string)
    : packaged
      ? dirname(appRoot)
      : join(appRoot, 'resources')
  return {
    appRoot,
    packaged: packaged || fromElectron,
    resources,
    samples: join(resources, 'samples'),
    fonts: join(resources, 'fonts')
  }
}

let cached: AppPaths | null = null

/** The paths of the running app (from this module's own location). */
export function appPaths(): AppPaths {
  // Electron adds resourcesPath to process; plain Node has none.
  const resourcesPath = (process as { resourcesPath?: unknown }).resourcesPath
  cached ??= resolveAppPaths({
    from: dirname(fileURLToPath(import.meta.url)),
    ...(typeof resourcesPath === 'string' ? { resourcesPath } : {})
  })
  return cached
}

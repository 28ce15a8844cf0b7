import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appPaths, findAppRoot, resolveAppPaths } from '../../../src/core/paths'
import { repoRoot, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('hindsight-paths-'))
})
afterEach(async () => {
  await cleanup()
})

/** A folder with a package.json and the given subfolders, as electron-builder or git lays it out. */
async function layout(root: string, ...dirs: string[]): Promise<void> {
  await mkdir(root, { recursive: true })
  await writeFile(join(root, 'package.json'), '{"name":"hindsight"}')
  for (const d of dirs) await mkdir(join(root, d), { recursive: true })
}

describe('app paths in development', () => {
  it('from sources and from the built bundle, the repository and its resources/', () => {
    const fromSource = resolveAppPaths({ from: join(repoRoot, 'src', 'core') })
    const fromBuild = resolveAppPaths({ from: join(repoRoot, 'out', 'main', 'chunks') })
    for (const paths of [fromSource, fromBuild, appPaths()]) {
      expect(paths).toEqual({
        appRoot: repoRoot,
        packaged: false,
        resources: join(repoRoot, 'resources'),
        samples: join(repoRoot, 'resources', 'samples'),
        fonts: join(repoRoot, 'resources', 'fonts')
      })
    }
  })

  it('Electron in development (resourcesPath inside node_modules/electron) is not packaged', () => {
    const paths = resolveAppPaths({
      from: join(repoRoot, 'out', 'main'),
      resourcesPath: join(repoRoot, 'node_modules', 'electron', 'dist', 'resources')
    })
    expect(paths.packaged).toBe(false)
    expect(paths.fonts).toBe(join(repoRoot, 'resources', 'fonts'))
  })

  it('a checkout in a folder named app is not mistaken for an install', async () => {
    const root = join(dir, 'projects', 'app')
    await layout(root, 'out/main')
    const paths = resolveAppPaths({ from: join(root, 'out', 'main') })
    expect(paths.packaged).toBe(false)
    expect(paths.samples).toBe(join(root, 'resources', 'samples'))
  })
})

describe('app paths when packaged', () => {
  it('code in resources/app.asar, resources beside it', async () => {
    const resources = join(dir, 'Hindsight', 'resources')
    await layout(join(resources, 'app.asar'), 'out/main/chunks')
    const paths = resolveAppPaths({ from: join(resources, 'app.asar', 'out', 'main', 'chunks') })
    expect(paths).toEqual({
      appRoot: join(resources, 'app.asar'),
      packaged: true,
      resources,
      samples: join(resources, 'samples'),
      fonts: join(resources, 'fonts')
    })
  })

  it('an unpacked resources/app folder (asar: false), and Electron’s resourcesPath', async () => {
    const resources = join(dir, 'Hindsight.app', 'Contents', 'Resources')
    await layout(join(resources, 'app'), 'out/main')
    const from = join(resources, 'app', 'out', 'main')
    expect(resolveAppPaths({ from }).resources).toBe(resources)
    expect(resolveAppPaths({ from, resourcesPath: resources })).toMatchObject({
      packaged: true,
      fonts: join(resources, 'fonts')
    })
  })

  it('says where it looked when there is no package.json', () => {
    expect(() => findAppRoot('/')).toThrow(/no package.json above \//)
  })
})

/**
 * The installable app, checked here without Electron's binary: electron-builder
 * packs the real build against a stand-in Electron (pack.ts), the result is
 * inspected, and the packed engine — extracted from the asar, run by plain
 * Node with no access to the repository — trains the bundled sample and renders
 * a PNG export with the bundled fonts.
 */
import { spawnSync } from 'node:child_process'
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderExplanationChart } from '../../../src/core/exports/explanation-charts'
import { RNN_WASM_BASE64 } from '../../../src/core/kernels/wasm/rnn-wasm'
import { EngineClient } from '../../../src/core/services/engine-client'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ExplainJobSchema } from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { SAMPLE_DATASET } from '../../../src/shared/sample'
import { repoRoot } from '../../helpers/paths'
import { decodePng, pngSize } from '../exports/png'
import { buildOut, packDir, sizeOf, standInElectron, type PackedApp } from './pack'
import { spawnEngine } from './packed-engine'

const pkg = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
/** Left out of the desktop app on purpose (CLI and browser mode only; see electron-builder.yml). */
const NOT_IN_APP = new Set(['commander', 'ws'])
const canHideSystemFonts =
  process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0

let work: string
let app: PackedApp
let files: string[]

const linux = process.platform === 'linux'

beforeAll(async () => {
  // The stand-in is Electron's Linux layout; other platforms skip the packaging tests.
  if (!linux) return
  work = await mkdtemp(join(tmpdir(), 'hindsight-pack-'))
  await buildOut()
  app = await packDir(join(work, 'dist'), await standInElectron(join(work, 'electron-dist')))
  files = listPackage(app.asar, { isPack: false }).map((f) => f.replace(/\\/g, '/'))
}, 600_000)

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

const packed = (path: string): boolean => files.includes(path)
const isUnpacked = (path: string): boolean =>
  (statFile(app.asar, path.slice(1), false) as { unpacked?: boolean }).unpacked === true

describe.runIf(linux)('electron-builder --dir (stand-in Electron)', () => {
  it('the asar holds out/main, out/preload and out/renderer, and nothing from development', () => {
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/main/engine.js',
      '/out/preload/index.js',
      '/out/renderer/index.html'
    ]) {
      expect(packed(f), f).toBe(true)
    }
    const devOnly = files.filter(
      (f) =>
        /^\/(src|test|bench|scripts|eslint-rules|build|resources|dist|\.git)(\/|$)/.test(f) ||
        /\.(map|ts|tsx|mts|vue)$/.test(f)
    )
    expect(devOnly).toEqual([])
    const outFolders = new Set(files.map((f) => /^\/out\/([^/]+)\//.exec(f)?.[1]).filter(Boolean))
    expect([...outFolders].sort()).toEqual(['main', 'preload', 'renderer'])
    // No development package at the top of node_modules (@types/* are empty shells some
    // runtime packages depend on: package.json and a licence, their .d.ts filtered out).
    const devPackages = Object.keys(pkg.devDependencies).filter(
      (name) => !name.startsWith('@types/') && packed(`/node_modules/${name}`)
    )
    expect(devPackages).toEqual([])
    for (const name of Object.keys(pkg.dependencies).filter((n) => !NOT_IN_APP.has(n))) {
      expect(packed(`/node_modules/${name}/package.json`), name).toBe(true)
    }
  })

  it('unpacks the canvas binary and the wasm backend; the fused kernels ride in the engine bundle', async () => {
    const canvasBinary = files.filter((f) =>
      /^\/node_modules\/@napi-rs\/canvas-[^/]+\/.*\.node$/.test(f)
    )
    expect(canvasBinary).toHaveLength(1)
    const wasm = files.filter((f) => f.endsWith('.wasm'))
    expect(wasm.map((f) => f.split('/').pop()).sort()).toEqual([
      'tfjs-backend-wasm-simd.wasm',
      'tfjs-backend-wasm-threaded-simd.wasm',
      'tfjs-backend-wasm.wasm'
    ])
    for (const f of [...canvasBinary, ...wasm]) {
      expect(isUnpacked(f), f).toBe(true)
      expect(await sizeOf(join(app.unpacked, f)), f).toBeGreaterThan(100_000)
    }
    // The LSTM/GRU kernels' wasm is a base64 string in the engine bundle (checked below) and
    // their workers are eval'd strings: no file of theirs has to be found at run time.
    expect(isUnpacked('/out/main/engine.js')).toBe(false)
  })

  it('every module the built code requires is in the package', async () => {
    const dir = join(work, 'code')
    extractAll(app.asar, dir)
    const sources = await Promise.all(
      files
        .filter((f) => f.startsWith('/out/main/') && f.endsWith('.js'))
        .map((f) => readFile(join(dir, f), 'utf8'))
    )
    const bundle = sources.join('\n')
    expect(bundle).toContain(RNN_WASM_BASE64.slice(0, 64))
    const required = new Set(
      [...bundle.matchAll(/(?:require|import)\("([^"./][^"]*)"\)/g)].map((m) => m[1]!)
    )
    const optional = new Set(['electron', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'])
    const missing = [...required].filter((name) => {
      if (name.startsWith('node:') || builtinModules.includes(name) || optional.has(name))
        return false
      const top = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!
      return !packed(`/node_modules/${top}/package.json`)
    })
    expect(required.has('@napi-rs/canvas')).toBe(true)
    expect(missing).toEqual([])
  })

  it('ships the sample, the fonts and the licences', async () => {
    const sample = SAMPLE_DATASET.file
    expect(await readFile(join(app.resources, 'samples', sample))).toEqual(
      await readFile(join(repoRoot, 'resources', 'samples', sample))
    )
    expect(await readFile(join(app.resources, 'samples', 'README.md'), 'utf8')).toMatch(
      /CC BY 4\.0/
    )
    const fonts = (await readdir(join(app.resources, 'fonts'))).sort()
    expect(fonts).toEqual((await readdir(join(repoRoot, 'resources', 'fonts'))).sort())
    expect(fonts).toEqual(expect.arrayContaining(['LICENSE-DejaVu.txt', 'LICENSE-NotoSansSC.txt']))
    const top = await readdir(app.appDir)
    expect(top).toEqual(expect.arrayContaining(['LICENSE.hindsight.txt', 'LICENSE.electron.txt']))
    expect(await readFile(join(app.appDir, 'LICENSE.hindsight.txt'), 'utf8')).toMatch(/MIT License/)
    // resources/THIRD_PARTY_NOTICES.txt (build/third-party-notices.mjs, run after packing)
    // names every packed package, nested ones too, with its licence text.
    const notices = await readFile(join(app.resources, 'THIRD_PARTY_NOTICES.txt'), 'utf8')
    const packages = files.filter((f) =>
      /^(?:\/node_modules\/(?:@[^/]+\/)?[^/]+)+\/package\.json$/.test(f)
    )
    expect(packages.length).toBeGreaterThan(20)
    const unlisted = packages.filter((f) => {
      const meta = JSON.parse(extractFile(app.asar, f.slice(1)).toString('utf8')) as {
        name: string
        version: string
      }
      return !notices.includes(`\n${meta.name}@${meta.version} — `)
    })
    expect(unlisted).toEqual([])
    // tfjs ships no licence file: the standard Apache-2.0 text is appended for it.
    expect(notices).toMatch(/\n@tensorflow\/tfjs-core@[\d.]+ — Apache-2\.0\n/)
    expect(notices).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/m)
  })

  it('reports its size', async () => {
    const sizes = {
      'app.asar': await sizeOf(app.asar),
      'app.asar.unpacked': await sizeOf(app.unpacked),
      fonts: await sizeOf(join(app.resources, 'fonts')),
      samples: await sizeOf(join(app.resources, 'samples'))
    }
    const total = Object.values(sizes).reduce((a, b) => a + b, 0)
    const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`
    console.log(
      `packaged app (without Electron): ${mb(total)} = ${Object.entries(sizes)
        .map(([k, v]) => `${k} ${mb(v)}`)
        .join(', ')}`
    )
    // Guards against shipping tfjs' browser bundles or dev dependencies again (~130 MB).
    expect(sizes['app.asar']).toBeLessThan(40e6)
    expect(total).toBeLessThan(100e6)
  })
})

describe.runIf(linux)('the packed layout runs', () => {
  it('trains the sample for one epoch and renders a PNG export with the bundled fonts', async () => {
    // The install's resources folder, with the asar extracted in place of app.asar.
    const resources = join(work, 'installed', 'resources')
    extractAll(app.asar, join(resources, 'app.asar'))
    await cp(join(app.resources, 'samples'), join(resources, 'samples'), { recursive: true })
    await cp(join(app.resources, 'fonts'), join(resources, 'fonts'), { recursive: true })
    const stderr: string[] = []
    const env: NodeJS.ProcessEnv = { ...process.env, HINDSIGHT_BACKEND: 'wasm' }
    delete env['NODE_OPTIONS']
    delete env['NODE_PATH']
    const client = new EngineClient(() =>
      spawnEngine(join(resources, 'app.asar', 'out', 'main', 'engine.js'), {
        cwd: work,
        env,
        hideSystemFonts: canHideSystemFonts,
        stderr
      })
    )
    try {
      const status = await client.status()
      expect(status.backend.name, stderr.join('')).toBe('wasm')
      expect(status.backend.kernels.path).toBe('fused')

      const runDir = join(work, 'runs', 'packed')
      const { target, window, horizon, seasonLength, targetMode, missing } =
        SAMPLE_DATASET.suggested
      const summary = await client.train({
        runId: 'packed',
        runDir,
        dataset: {
          name: SAMPLE_DATASET.name,
          path: join(resources, 'samples', SAMPLE_DATASET.file)
        },
        data: DataConfigSchema.parse({
          target,
          window,
          horizon,
          seasonLength,
          targetMode,
          missing
        }),
        model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs: 1, dropout: 0 })
      })
      expect(summary.status, stderr.join('')).toBe('done')
      expect(summary.epochsRun).toBe(1)
      expect(summary.evaluation!.model.rmse).toBeGreaterThan(0)

      const record = await client.explain(
        runDir,
        ExplainJobSchema.parse({ method: 'occlusion', level: 'time' })
      )
      const file = await client.renderExport(runDir, [record.id], 'png', 'steps')
      const png = Buffer.from(file.base64, 'base64')
      const { width, height } = pngSize(png)
      expect(width).toBe(1600)
      // Drawn from sources in this process, with the repository's fonts: the same bytes. With
      // the system's fonts hidden from the engine, its text can only come from the bundled ones.
      const here = await renderExplanationChart(record, 'steps')
      expect({ width, height }).toEqual({ width: here.width, height: here.height })
      expect(png.equals(here.png)).toBe(true)
      const pixel = await decodePng(png)
      expect(pixel(0, 0)).toEqual([255, 255, 255, 255])
    } finally {
      await client.dispose()
    }
  })
})

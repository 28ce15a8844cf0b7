import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { renderExplanationChart } from '../../../src/core/exports/explanation-charts'
import {
  BUNDLED_FACES,
  CHART_FONT_FAMILY,
  registerBundledFonts,
  reportFontFaces
} from '../../../src/core/exports/fonts'
import { appPaths } from '../../../src/core/paths'
import { repoRoot } from '../../helpers/paths'
import { fixtureRecord } from '../exports/fixtures'
import { pngSize } from '../exports/png'

const run = promisify(execFile)
const probe = join(__dirname, 'render-probe.ts')
const SYSTEM_FONTS = '/usr/share/fonts'

/**
 * @napi-rs/canvas finds system fonts by scanning /usr/share/fonts. As root, a
 * private mount namespace can lay an empty tmpfs over it for one child, so the
 * same chart can be drawn with and without any system font.
 */
const canHideSystemFonts =
  process.platform === 'linux' &&
  process.getuid?.() === 0 &&
  spawnSync('unshare', ['-m', 'true']).status === 0

async function probeRun(hideSystemFonts: boolean, ...args: string[]): Promise<unknown> {
  const node = [process.execPath, '--import', 'tsx', probe, ...args]
  const quoted = node.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')
  const { stdout } = hideSystemFonts
    ? await run('unshare', ['-m', 'sh', '-c', `mount -t tmpfs none ${SYSTEM_FONTS} && ${quoted}`], {
        cwd: repoRoot,
        maxBuffer: 64 << 20
      })
    : await run(node[0]!, node.slice(1), { cwd: repoRoot, maxBuffer: 64 << 20 })
  return JSON.parse(stdout.trim().split('\n').pop()!) as unknown
}

async function chartPng(hide: boolean, lang: 'en' | 'zh'): Promise<Buffer> {
  const { png } = (await probeRun(hide, 'chart', lang)) as { png: string }
  return Buffer.from(png, 'base64')
}

async function ink(hide: boolean, family: string, text: string, bare = false): Promise<number> {
  const result = (await probeRun(hide, 'ink', family, text, ...(bare ? ['bare'] : []))) as {
    ink: number
  }
  return result.ink
}

describe('bundled fonts', () => {
  it('are in resources/fonts with their licences, and all register with the canvas', () => {
    expect(appPaths().fonts).toBe(join(repoRoot, 'resources', 'fonts'))
    const registration = registerBundledFonts()
    expect(registration.missing).toEqual([])
    expect(registration.registered).toEqual(BUNDLED_FACES.map((f) => f.file))
    for (const licence of ['LICENSE-DejaVu.txt', 'LICENSE-NotoSansSC.txt']) {
      expect(readFileSync(join(appPaths().fonts, licence), 'utf8').length).toBeGreaterThan(1000)
    }
    expect(CHART_FONT_FAMILY.startsWith('"Hindsight Sans"')).toBe(true)
  })

  it('reports a missing font folder instead of throwing', () => {
    const registration = registerBundledFonts(join(repoRoot, 'no-such-fonts-folder'))
    expect(registration.registered).toEqual([])
    expect(registration.missing).toHaveLength(BUNDLED_FACES.length)
  })

  it('the HTML report embeds the same files, the CJK face only for CJK text', () => {
    const latin = reportFontFaces('CO2 at Mauna Loa')
    const chinese = reportFontFaces('月度 CO2 浓度')
    expect(latin.match(/@font-face/g)).toHaveLength(2)
    expect(chinese.match(/@font-face/g)).toHaveLength(3)
    const rules = chinese.split('\n')
    for (const face of BUNDLED_FACES) {
      const rule = rules.find(
        (r) => r.includes(`"${face.family}";font-weight:${face.weight};`) && r.includes(face.mime)
      )
      const base64 = /base64,([A-Za-z0-9+/=]+)\)/.exec(rule ?? '')?.[1] ?? ''
      const bytes = readFileSync(join(appPaths().fonts, face.file))
      expect(Buffer.from(base64, 'base64').equals(bytes), face.file).toBe(true)
    }
  })
})

describe('export charts are drawn with the bundled fonts', () => {
  it('the same chart renders to identical bytes twice', async () => {
    const record = fixtureRecord({ level: 'feature' })
    const a = await renderExplanationChart(record, 'features')
    const b = await renderExplanationChart(record, 'features')
    expect(pngSize(a.png)).toEqual({ width: 1600, height: a.height })
    expect(a.png.equals(b.png)).toBe(true)
  })

  it.skipIf(!canHideSystemFonts)(
    'is the same PNG with the system fonts hidden (English and Chinese labels)',
    async () => {
      // The check can fail: with no system font and nothing registered, text draws no ink.
      expect(await ink(true, 'sans-serif', 'CO2 温度', true)).toBe(0)
      expect(await ink(false, 'sans-serif', 'CO2', true)).toBeGreaterThan(0)
      // The bundled CJK face alone inks Chinese once the system's fonts are gone.
      expect(await ink(true, CHART_FONT_FAMILY, '温度')).toBeGreaterThan(100)

      const [en, enHidden, zh, zhHidden] = await Promise.all([
        chartPng(false, 'en'),
        chartPng(true, 'en'),
        chartPng(false, 'zh'),
        chartPng(true, 'zh')
      ])
      expect(enHidden.equals(en)).toBe(true)
      expect(zhHidden.equals(zh)).toBe(true)
      // The labels are drawn: other names, other pixels.
      expect(zh.equals(en)).toBe(false)
    }
  )
})

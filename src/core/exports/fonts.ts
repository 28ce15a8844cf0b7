/**
 * The fonts shipped with the app (resources/fonts), used by the export charts
 * and the HTML report so an export looks the same on every machine. They are
 * registered under family names no system font has: a chart asks for
 * "Hindsight Sans" and can only get the bundled DejaVu Sans, never whatever
 * the system calls sans-serif. Chinese falls back per glyph to the bundled
 * Noto Sans SC subset, then to the system (resources/fonts/README.md).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { GlobalFonts } from '@napi-rs/canvas'
import { appPaths } from '../paths'

interface Face {
  readonly file: string
  readonly family: string
  readonly weight: 400 | 700
  readonly mime: 'font/ttf' | 'font/woff2'
  readonly format: 'truetype' | 'woff2'
}

export const LATIN_FAMILY = 'Hindsight Sans'
export const CJK_FAMILY = 'Hindsight Sans SC'

export const BUNDLED_FACES: readonly Face[] = [
  {
    file: 'DejaVuSans.ttf',
    family: LATIN_FAMILY,
    weight: 400,
    mime: 'font/ttf',
    format: 'truetype'
  },
  {
    file: 'DejaVuSans-Bold.ttf',
    family: LATIN_FAMILY,
    weight: 700,
    mime: 'font/ttf',
    format: 'truetype'
  },
  {
    file: 'NotoSansSC-Regular.woff2',
    family: CJK_FAMILY,
    weight: 400,
    mime: 'font/woff2',
    format: 'woff2'
  }
]

/** The CSS font-family of every export chart (chart.js and the canvas plugins). */
export const CHART_FONT_FAMILY = `"${LATIN_FAMILY}", "${CJK_FAMILY}", sans-serif`

export interface FontRegistration {
  readonly dir: string
  /** Files registered with the canvas. */
  readonly registered: readonly string[]
  /** Files that were missing or unreadable: their text falls back to system fonts. */
  readonly missing: readonly string[]
}

const done = new Map<string, FontRegistration>()

/**
 * Register the bundled fonts with @napi-rs/canvas (once per folder). A missing
 * file is reported, not thrown: the export still renders, with system fonts.
 */
export function registerBundledFonts(dir: string = appPaths().fonts): FontRegistration {
  const known = done.get(dir)
  if (known) return known
  const registered: string[] = []
  const missing: string[] = []
  for (const face of BUNDLED_FACES) {
    const path = join(dir, face.file)
    // registerFromPath returns null when the file cannot be read or parsed.
    if (GlobalFonts.registerFromPath(path, face.family)) registered.push(face.file)
    else missing.push(face.file)
  }
  if (missing.length > 0) {
    process.stderr.write(
      `hindsight: bundled fonts missing in ${dir} (${missing.join(', ')}); exports use system fonts instead\n`
    )
  }
  const result = { dir, registered, missing }
  done.set(dir, result)
  return result
}

/** Han ideographs and CJK punctuation: text with any needs the CJK face embedded. */
const CJK_TEXT = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/

const embedded = new Map<string, string>()

/**
 * @font-face rules that embed the bundled fonts as data: URLs (the report's
 * CSP allows fonts from data: only). The CJK face (~1.1 MB) is embedded only
 * when `text` has CJK characters. A file that cannot be read is left out: the
 * report then falls back to the system fonts named after the bundled ones.
 */
export function reportFontFaces(text: string, dir: string = appPaths().fonts): string {
  const rules: string[] = []
  for (const face of BUNDLED_FACES) {
    if (face.family === CJK_FAMILY && !CJK_TEXT.test(text)) continue
    const path = join(dir, face.file)
    let base64 = embedded.get(path)
    if (base64 === undefined) {
      try {
        base64 = readFileSync(path).toString('base64')
      } catch {
        continue
      }
      embedded.set(path, base64)
    }
    rules.push(
      `@font-face{font-family:"${face.family}";font-weight:${face.weight};font-style:normal;` +
        `src:url(data:${face.mime};base64,${base64}) format("${face.format}")}`
    )
  }
  return rules.join('\n')
}

/** The report's CSS font-family: the bundled faces first, then common system faces. */
export const REPORT_FONT_FAMILY = `"${LATIN_FAMILY}","${CJK_FAMILY}","DejaVu Sans",system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif`

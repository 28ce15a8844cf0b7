/**
 * Run by fonts.test.ts in a child process (`node --import tsx`), possibly with
 * the system's fonts hidden, and prints one line of JSON:
 * - `chart [en|zh]`: the features chart of a fixture record as base64 PNG
 *   (zh: Chinese feature names);
 * - `ink FAMILY TEXT [bare]`: how many pixels TEXT inks when set in FAMILY, after
 *   registering the bundled fonts unless `bare` (0: no font had its glyphs).
 */
import { createCanvas } from '@napi-rs/canvas'
import { renderExplanationChart } from '../../../src/core/exports/explanation-charts'
import { registerBundledFonts } from '../../../src/core/exports/fonts'
import { fixtureRecord } from '../exports/fixtures'

const CHINESE_FEATURES = ['最高气温', '最低气温', '降水量', '风速']

async function chart(lang: string): Promise<string> {
  const record = fixtureRecord({
    level: 'feature',
    ...(lang === 'zh' ? { features: CHINESE_FEATURES } : {})
  })
  const rendered = await renderExplanationChart(record, 'features')
  return rendered.png.toString('base64')
}

function ink(family: string, text: string, bare: boolean): number {
  if (!bare) registerBundledFonts()
  const canvas = createCanvas(400, 60)
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, 400, 60)
  ctx.fillStyle = '#000000'
  ctx.font = `32px ${family}`
  ctx.fillText(text, 10, 44)
  const { data } = ctx.getImageData(0, 0, 400, 60)
  let n = 0
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) n++
  return n
}

async function main(): Promise<void> {
  const [mode, a = '', b = '', c] = process.argv.slice(2)
  const result = mode === 'chart' ? { png: await chart(a) } : { ink: ink(a, b, c === 'bare') }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

void main()

import { describe, expect, it } from 'vitest'
import { explanationChartNames } from '../../../src/core/exports/explanation-charts'
import { explanationReportHtml } from '../../../src/core/exports/explanation-report'
import { TRUST_TEXT_EN } from '../../../src/shared/explanation-trust-text'
import { fixtureRecord } from './fixtures'
import { pngSize } from './png'

const EVIL = '<script>alert(1)</script>'

const records = [
  fixtureRecord({
    level: 'cell',
    features: ['temp_max', EVIL, 'precipitation', 'wind'],
    dataset: 'weather "daily" & <b>more</b>.csv',
    withStderr: true,
    withDeletion: true,
    spearman: 0.92
  }),
  fixtureRecord({ level: 'time', method: 'timeshap', spearman: 0.1, gap: 0.05 }),
  fixtureRecord({ level: 'feature', method: 'lime', limeR2: 0.31 })
]
/** toContain without printing the whole multi-megabyte report on failure. */
function has(text: string, needle: string): boolean {
  return text.includes(needle)
}

function expectHas(text: string | undefined, needle: string): void {
  expect(has(text ?? '', needle), `missing: ${needle}`).toBe(true)
}
function expectHasNot(text: string | undefined, needle: string): void {
  expect(has(text ?? '', needle), `unexpected: ${needle}`).toBe(false)
}

const html = await explanationReportHtml(records, { generatedAt: new Date(0) })

describe('self-contained HTML report', () => {
  it('has a strict CSP and no reference to anything outside the file', () => {
    expectHas(
      html,
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">`
    )
    const refs = [
      ...html.matchAll(/\b(?:src|href|action|srcset|poster|data)\s*=\s*["']?([^"'\s>]*)/gi)
    ]
    expect(refs.length).toBeGreaterThan(0)
    for (const [, url] of refs) {
      const head = url!.slice(0, 40)
      expect(head).not.toMatch(/^(?:https?:|\/\/|file:|ftp:)/i)
      expect(head).toMatch(/^(?:data:image\/png;base64,|#explanation-\d+$)/)
    }
    expect(html.match(/https?:|@import|<script|<link|<iframe|<object|<base/gi)).toBeNull()
    // The only url() are the bundled fonts, embedded.
    for (const [url] of html.matchAll(/url\([^)]{0,40}/g)) expect(url).toMatch(/^url\(data:font\//)
  })

  it('embeds one PNG per chart, and each decodes as a PNG', () => {
    const images = [...html.matchAll(/src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/g)]
    const expected = records.reduce((n, r) => n + explanationChartNames(r).length, 0)
    expect(html.split('data:image/png;base64,').length - 1).toBe(expected)
    expect(images).toHaveLength(expected)
    for (const [, b64] of images) expect(pngSize(Buffer.from(b64!, 'base64')).width).toBe(1600)
  })

  it('escapes names that come from user files', () => {
    expectHasNot(html, EVIL)
    expectHas(html, '&lt;script&gt;alert(1)&lt;/script&gt;')
    expectHas(html, 'weather &quot;daily&quot; &amp; &lt;b&gt;more&lt;/b&gt;.csv')
    expectHasNot(html, '<b>more</b>')
  })

  it('states additivity in the app’s words: by construction for KernelSHAP/TimeSHAP, else whether Σφ misses', async () => {
    const sections = html.split('<section ').slice(1)
    expect(sections).toHaveLength(3)
    expect(/Additivity: Σφ = [^;]+; f\(x\) − f\(baseline\) = [^;]+; gap /.test(sections[0]!)).toBe(
      true
    )
    for (const sampled of [sections[0], sections[1]]) {
      expectHas(sampled, `Additivity: ${TRUST_TEXT_EN.additivity.construction}`)
      expectHas(sampled, 'Agreement with exact values: Not run')
    }
    expectHas(sections[2], 'The attributions add up to the change in the forecast')
    const missed = await explanationReportHtml([
      fixtureRecord({ level: 'feature', method: 'lime', gap: 0.05 })
    ])
    expectHas(missed, 'The attributions do not add up to the change in the forecast')
  })

  it('reports each method’s own numbers and flags the suspicious ones', () => {
    const [cell, time, feature] = html.split('<section ').slice(1) as [string, string, string]
    expectHas(cell, 'Standard errors of φ')
    expectHas(cell, 'Deletion check')
    expectHas(cell, 'Suspicious: with random weights the explanation barely changes')
    expectHas(time, 'TimeSHAP pruning: the 4 oldest steps')
    expectHasNot(time, 'Suspicious')
    expectHas(feature, 'LIME surrogate fit R² = 0.31')
    expectHas(feature, 'The local linear model fits poorly')
    for (const s of [cell, time, feature]) {
      for (const label of [
        'Prediction f(x)',
        'Baseline prediction f(baseline)',
        'Actual',
        'Seed',
        'Model calls',
        'Input window',
        'Target time',
        'Top attributions'
      ]) {
        expectHas(s, label)
      }
    }
    // The top row of the cell table is the largest |φ| cell.
    expect(/<td class="num">1<\/td><td>2015-03-10 × &lt;script&gt;/.test(cell)).toBe(true)
  })

  it('calls all-zero standard errors exact and leaves out the s.e. column', async () => {
    const exact = fixtureRecord({ level: 'feature', method: 'exact' })
    const page = await explanationReportHtml([
      { ...exact, stderr: (exact.attributions as number[]).map(() => 0) }
    ])
    expectHas(page, 'Standard errors are all 0')
    expectHasNot(page, '<th class="num">s.e.</th>')
    expectHasNot(page, 'whiskers')
  })

  it('refuses an empty set', async () => {
    await expect(explanationReportHtml([])).rejects.toThrow(/at least one/)
  })
})

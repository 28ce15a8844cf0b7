import { PALETTE } from '../../shared/palette'
import type { Scenario } from '../../shared/scenario'
import { csvField } from './explanation-csv'
import { escapeHtml as esc } from './escape-html'
import { reportDocument } from './report-document'
import { REPORT_FONT_FAMILY } from './fonts'

/** The cells a scenario changed, original → edited, in window order. */
export function changedCells(
  s: Scenario
): { step: number; feature: string; from: number; to: number }[] {
  const out: { step: number; feature: string; from: number; to: number }[] = []
  s.edited.window.forEach((row, t) =>
    row.forEach((to, f) => {
      const from = s.original.window[t]?.[f]
      if (from !== undefined && from !== to) out.push({ step: t, feature: s.columns[f]!, from, to })
    })
  )
  return out
}

/** The scenario file itself, plus the changed cells spelled out (derived, not in the schema). */
export function scenarioJson(s: Scenario): string {
  return `${JSON.stringify({ ...s, changed: changedCells(s) }, null, 2)}\n`
}

/**
 * Long form, one row per cell of the window (T × F rows): date, lag (steps
 * before the forecast origin), feature, the original and the edited value,
 * and whether the scenario changed it; then the two forecasts.
 */
export function scenarioCsv(s: Scenario): string {
  const steps = s.time.length
  const rows = ['date,lag,feature,original,edited,changed']
  for (let t = 0; t < steps; t++) {
    s.columns.forEach((feature, f) => {
      const from = s.original.window[t]![f]!
      const to = s.edited.window[t]![f]!
      rows.push([s.time[t]!, steps - 1 - t, csvField(feature), from, to, from !== to].join(','))
    })
  }
  rows.push(['forecast', '', '', s.original.prediction, s.edited.prediction, ''].join(','))
  return `${rows.join('\n')}\n`
}

const W = 880
const H = 220
const PAD = { left: 56, right: 16, top: 12, bottom: 28 }

/** One feature's window, original (dashed grey) and edited (solid), as an inline SVG. */
function windowSvg(s: Scenario, f: number): string {
  const original = s.original.window.map((row) => row[f]!)
  const edited = s.edited.window.map((row) => row[f]!)
  const all = [...original, ...edited].filter(Number.isFinite)
  let lo = Math.min(...all)
  let hi = Math.max(...all)
  if (lo === hi) [lo, hi] = [lo - 1, hi + 1]
  const n = Math.max(1, original.length - 1)
  const x = (t: number): number => PAD.left + (t / n) * (W - PAD.left - PAD.right)
  const y = (v: number): number => PAD.top + ((hi - v) / (hi - lo)) * (H - PAD.top - PAD.bottom)
  const path = (values: number[]): string =>
    values.map((v, t) => `${t === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('')
  const changed = edited
    .map((v, t) =>
      v !== original[t]
        ? `<circle cx="${x(t).toFixed(1)}" cy="${y(v).toFixed(1)}" r="4" fill="${PALETTE.target}"/>`
        : ''
    )
    .join('')
  const label = (v: number, at: number): string =>
    `<text x="${PAD.left - 6}" y="${(at + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${esc(String(Number(v.toPrecision(5))))}</text>`
  const dates = `<text x="${PAD.left}" y="${H - 8}" font-size="11" fill="#555">${esc(s.time[0] ?? '')}</text><text x="${W - PAD.right}" y="${H - 8}" font-size="11" fill="#555" text-anchor="end">${esc(s.time.at(-1) ?? '')}</text>`
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${esc(s.columns[f]!)}: original (dashed) and edited window">
<rect x="${PAD.left}" y="${PAD.top}" width="${W - PAD.left - PAD.right}" height="${H - PAD.top - PAD.bottom}" fill="none" stroke="#e3e3e3"/>
${label(hi, y(hi))}${label(lo, y(lo))}${dates}
<path d="${path(original)}" fill="none" stroke="${PALETTE.naive}" stroke-width="1.5" stroke-dasharray="5 4"/>
<path d="${path(edited)}" fill="none" stroke="${PALETTE.target}" stroke-width="2"/>
${changed}
</svg>`
}

/** A self-contained report of one scenario: the forecasts, the changed cells, each input's window. */
export function scenarioReportHtml(s: Scenario, generatedAt = new Date()): string {
  const title = `Hindsight what-if scenario: ${s.name}`
  const cells = changedCells(s)
  const num = (v: number): string => esc(String(Number(v.toPrecision(7))))
  const rows = cells
    .map(
      (c) =>
        `<tr><td>${esc(s.time[c.step] ?? '')}</td><td>${esc(c.feature)}</td><td class="num">${num(c.from)}</td><td class="num">${num(c.to)}</td></tr>`
    )
    .join('\n')
  const figures = s.columns
    .map(
      (name, f) =>
        `<figure>${windowSvg(s, f)}<figcaption>${esc(name)}: original window dashed, edited window solid; dots mark changed cells.</figcaption></figure>`
    )
    .join('\n')
  return reportDocument({
    title,
    fontText: title + JSON.stringify(s.columns),
    style: `body{font:15px/1.5 ${REPORT_FONT_FAMILY};color:#222;background:#fff;margin:0 auto;max-width:960px;padding:24px}
h1{font-size:24px;margin:0 0 8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{color:#555}
dd{margin:0;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e3e3e3;text-align:left}
td.num,th.num{text-align:right}
figure{margin:16px 0}
figcaption{color:#555;font-size:13px}
footer{margin-top:48px;color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px}
`,
    body: `<h1>${esc(title)}</h1>
<dl>
<dt>Run</dt><dd>${esc(s.runId)}</dd>
<dt>Test window</dt><dd>${s.index + 1} (${esc(s.time[0] ?? '')} – ${esc(s.time.at(-1) ?? '')})</dd>
<dt>Original forecast</dt><dd>${num(s.original.prediction)}</dd>
<dt>Edited forecast</dt><dd>${num(s.edited.prediction)}</dd>
<dt>Change</dt><dd>${num(s.edited.prediction - s.original.prediction)}</dd>
<dt>Saved</dt><dd>${esc(s.createdAt)}</dd>
</dl>
<h2>Changed cells (${cells.length})</h2>
<table><thead><tr><th>Date</th><th>Input</th><th class="num">Original</th><th class="num">Edited</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<h2>Windows</h2>
${figures}
<footer>Generated ${esc(generatedAt.toISOString())} by Hindsight. Both forecasts were computed by the run's model from the windows shown (values in original units).</footer>`
  })
}

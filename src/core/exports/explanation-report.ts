import type { ExplanationRecord } from '../../shared/explanation'
import { EXPLANATION_SCHEMA_VERSION } from '../../shared/explanation'
import { UserFacingError } from '../errors'
import { methodName, renderExplanationCharts, type RenderedChart } from './explanation-charts'
import { attributionSum, playerValues, shortTime } from '../../shared/explanation-views'
import { REPORT_FONT_FAMILY } from './fonts'
import { reportDocument } from './report-document'
import { formatNumber, formatPercent } from './format'
import { escapeHtml as esc } from './escape-html'
import { reportChecks } from './report-checks'

/**
 * One self-contained HTML file for one explanation or a set: inline CSS, the
 * charts as data:image/png;base64 images, the bundled fonts (the charts'
 * faces) as data: URLs, no script, no link to anywhere — a strict CSP says so
 * to the browser too — so it opens offline and looks the same in any browser.
 * Every string from a record (dataset, column and run names come from user
 * files) is escaped.
 */

/** Rows in each "top attributions" table. */
export const TOP_ATTRIBUTIONS = 10

export interface ReportOptions {
  /** Heading of the report (default "Hindsight explanation report"). */
  title?: string
  /** Shown in the footer; default now. Fix it for reproducible files. */
  generatedAt?: Date
  /** Pixel ratio of the embedded charts (default 2). */
  chartScale?: number
}

export async function explanationReportHtml(
  records: readonly ExplanationRecord[],
  options: ReportOptions = {}
): Promise<string> {
  if (records.length === 0) {
    throw new UserFacingError('empty-report', 'Pick at least one explanation to put in the report.')
  }
  const sections: string[] = []
  for (const [i, record] of records.entries()) {
    const charts = await renderExplanationCharts(record, { scale: options.chartScale ?? 2 })
    sections.push(recordSection(record, i, records.length, charts))
  }
  const title = options.title ?? 'Hindsight explanation report'
  const generated = (options.generatedAt ?? new Date()).toISOString()
  return reportDocument({
    title,
    fontText: title + JSON.stringify(records),
    style: STYLE,
    body: `<header>
<h1>${esc(title)}</h1>
${overview(records)}
</header>
${records.length > 1 ? contents(records) : ''}
<main>
${sections.join('\n')}
</main>
<footer>Generated ${esc(generated)} by Hindsight from ${records.length === 1 ? 'one explanation' : `${records.length} explanations`} (format ${esc(EXPLANATION_SCHEMA_VERSION)}). Attributions φ are in the target's units: each says how far that input moved the forecast away from the baseline forecast.</footer>`
  })
}

const STYLE = `
:root{color-scheme:light}
body{font:15px/1.5 ${REPORT_FONT_FAMILY};color:#222;background:#fff;margin:0 auto;max-width:960px;padding:24px}
h1{font-size:26px;margin:0 0 4px}
h2{font-size:20px;margin:40px 0 8px;padding-top:16px;border-top:2px solid #ddd}
h3{font-size:16px;margin:24px 0 8px}
.meta{color:#555;margin:0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:8px 0}
dt{color:#555}
dd{margin:0;font-variant-numeric:tabular-nums}
table{border-collapse:collapse;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{padding:4px 10px;border-bottom:1px solid #e3e3e3;text-align:left}
td.num,th.num{text-align:right}
.pos{color:#b2182b}
.neg{color:#2166ac}
ul.checks{padding-left:20px}
.warn{background:#fff4e5;border-left:4px solid #e08a00;padding:6px 10px;margin:6px 0;list-style:none}
.ok{color:#2e7d32}
figure{margin:16px 0}
figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#555;font-size:13px}
nav ol{padding-left:20px}
footer{margin-top:48px;color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px}
code{font-size:13px}
@media print{h2{break-before:page}figure{break-inside:avoid}}
`

function overview(records: readonly ExplanationRecord[]): string {
  const distinct = (pick: (r: ExplanationRecord) => string): string[] => [
    ...new Set(records.map(pick))
  ]
  const line = (label: string, values: string[]): string =>
    `<p class="meta">${label}: ${values.map((v) => `<strong>${esc(v)}</strong>`).join(', ')}</p>`
  return [
    line(
      distinct((r) => r.dataset).length > 1 ? 'Datasets' : 'Dataset',
      distinct((r) => r.dataset)
    ),
    line(
      distinct((r) => r.target).length > 1 ? 'Targets' : 'Target',
      distinct((r) => r.target)
    ),
    line(
      distinct((r) => r.runId).length > 1 ? 'Runs' : 'Run',
      distinct((r) => r.runId)
    ),
    `<p class="meta">${records.length === 1 ? 'One explanation' : `${records.length} explanations`}</p>`
  ].join('\n')
}

function contents(records: readonly ExplanationRecord[]): string {
  const items = records.map(
    (r, i) => `<li><a href="#explanation-${i + 1}">${esc(sectionTitle(r))}</a></li>`
  )
  return `<nav><h2>Contents</h2><ol>${items.join('')}</ol></nav>`
}

function sectionTitle(r: ExplanationRecord): string {
  return `${capitalise(methodName(r))} at ${r.level} level — forecast of ${r.target} for ${shortTime(r.targetTime)}`
}

function recordSection(
  r: ExplanationRecord,
  i: number,
  count: number,
  charts: readonly RenderedChart[]
): string {
  const heading = count > 1 ? `${i + 1}. ${sectionTitle(r)}` : sectionTitle(r)
  return `<section id="explanation-${i + 1}">
<h2>${esc(heading)}</h2>
<dl>
${facts(r)
  .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`)
  .join('\n')}
</dl>
<h3>Checks</h3>
<ul class="checks">
${reportChecks(r).join('\n')}
</ul>
<h3>Top attributions</h3>
${topTable(r)}
<h3>Charts</h3>
${charts.map(figure).join('\n')}
</section>`
}

/** Label and already-escaped HTML value for the facts list. */
function facts(r: ExplanationRecord): [string, string][] {
  const first = r.window.time[0] ?? ''
  const last = r.window.time[r.window.time.length - 1] ?? ''
  const out: [string, string][] = [
    ['Dataset', esc(r.dataset)],
    ['Target', esc(r.target)],
    ['Run', esc(r.runId)],
    ['Explanation', `<code>${esc(r.id)}</code>, created ${esc(r.createdAt)}`],
    ['Method', esc(methodName(r) + (r.fidelity.kernelMode ? ` (${r.fidelity.kernelMode})` : ''))],
    ['Level', esc(`${r.level} (${r.players.length} players)`)],
    ['Settings', esc(settingsText(r))],
    ['Seed', esc(String(r.seed))],
    [
      'Baseline',
      esc(
        r.baseline.kind === 'background'
          ? `background: mean over ${r.baseline.count} windows`
          : r.baseline.kind
      )
    ],
    [
      'Input window',
      esc(
        `${shortTime(first)} → ${shortTime(last)} (${r.window.time.length} steps, test window ${r.index})`
      )
    ],
    [
      'Target time',
      esc(shortTime(r.targetTime) + (r.step === undefined ? '' : ` (step ${r.step})`))
    ],
    [r.quantity === 'change' ? 'Actual change' : 'Actual', esc(formatNumber(r.actual))],
    [
      r.quantity === 'change' ? 'Predicted change f(x)' : 'Prediction f(x)',
      esc(formatNumber(r.prediction))
    ],
    ...(r.intervals?.length
      ? [
          [
            'Prediction interval',
            esc(
              r.intervals
                .map(
                  (i) =>
                    `${formatNumber(i.level * 100)} %: [${formatNumber(i.lower)}, ${formatNumber(i.upper)}]`
                )
                .join(' · ')
            )
          ] as [string, string]
        ]
      : []),
    ['Baseline prediction f(baseline)', esc(formatNumber(r.baselinePrediction))],
    ['Σφ', esc(formatNumber(attributionSum(r)))],
    ['Model calls', esc(r.modelCalls.toLocaleString('en-US'))],
    ['Time', esc(`${formatNumber(r.seconds, 3)} s`)],
    ['Kernels', esc(r.kernels)]
  ]
  return out
}

function settingsText(r: ExplanationRecord): string {
  const s = r.settings
  const parts = [
    `method ${s.method}`,
    `level ${s.level}`,
    // The app counts test windows from 1; the record, the CLI and file names from 0.
    `index ${s.index} (test window ${s.index + 1} in the app)`,
    `baseline ${s.baseline}`
  ]
  if (s.baseline === 'background') parts.push(`background ${s.backgroundSize}`)
  if (s.samples !== undefined) parts.push(`samples ${s.samples}`)
  parts.push(`seed ${s.seed}`)
  if (s.occlusionWindow !== undefined) parts.push(`occlusion window ${s.occlusionWindow}`)
  if (s.occlusionStride !== undefined) parts.push(`occlusion stride ${s.occlusionStride}`)
  parts.push(`checks ${s.checks ? 'on' : 'off'}`, `randomisation ${s.randomisation ? 'on' : 'off'}`)
  return parts.join(', ')
}

/** A check's number as the shared English sentence wants it. */
function topTable(r: ExplanationRecord): string {
  const players = playerValues(r)
  const total = players.reduce((a, p) => a + Math.abs(p.value), 0)
  const top = players
    .map((p, i) => ({ ...p, i }))
    .sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.i - b.i)
    .slice(0, TOP_ATTRIBUTIONS)
  const hasSe = players.some((p) => p.stderr !== null && p.stderr > 0)
  const rows = top.map((p, rank) => {
    const cls = p.value < 0 ? 'neg' : p.value > 0 ? 'pos' : ''
    const effect = p.value < 0 ? 'lowered' : p.value > 0 ? 'raised' : 'no effect'
    return `<tr><td class="num">${rank + 1}</td><td>${esc(p.player)}</td><td class="num ${cls}">${esc(formatNumber(p.value))}</td>${
      hasSe ? `<td class="num">${p.stderr === null ? '' : esc(formatNumber(p.stderr, 3))}</td>` : ''
    }<td class="num">${total > 0 ? esc(formatPercent(Math.abs(p.value) / total)) : ''}</td><td>${effect}</td></tr>`
  })
  return `<table>
<thead><tr><th class="num">#</th><th>Player</th><th class="num">φ</th>${hasSe ? '<th class="num">s.e.</th>' : ''}<th class="num">share of Σ|φ|</th><th>forecast</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
<p class="meta">${top.length < players.length ? `The ${top.length} largest of ${players.length} players by |φ|.` : `All ${players.length} players, largest |φ| first.`}</p>`
}

function figure(c: RenderedChart): string {
  const src = `data:image/png;base64,${c.png.toString('base64')}`
  return `<figure><img src="${src}" width="${c.cssWidth}" height="${c.cssHeight}" alt="${esc(`${c.title}. ${c.description}`)}"><figcaption>${esc(c.description)}</figcaption></figure>`
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

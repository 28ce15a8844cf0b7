import type { ExplanationRecord } from '../../shared/explanation'
import { allStderr, attributionSum, shortTime } from '../../shared/explanation-views'
import { ADDITIVITY_TOLERANCE, trustSummary, type CheckId } from '../../shared/explanation-trust'
import { TRUST_TEXT_EN, trustSentenceEn } from '../../shared/explanation-trust-text'
import { escapeHtml as esc } from './escape-html'
import { formatNumber, formatPercent } from './format'

function trustValue(value: number | null, kind: 'percent' | 'ratio' | 'number'): string {
  if (value === null) return '—'
  if (kind === 'percent') return formatPercent(value)
  return formatNumber(value, kind === 'ratio' ? 2 : 3)
}

/**
 * One <li> per check: the numbers it rests on, then the verdict in the same
 * words as the app's trust panel (src/shared/explanation-trust*), flagged
 * where it fails.
 */
/** The report's list of checks on one explanation, each with its verdict (warnings marked). */
export function reportChecks(r: ExplanationRecord): string[] {
  const out: string[] = []
  const summary = trustSummary(r)
  const sentence = (id: CheckId): { text: string; failed: boolean } | null => {
    const check = summary.checks.find((c) => c.id === id)
    if (!check) return null
    return {
      text: `${TRUST_TEXT_EN[id].name}: ${trustSentenceEn(check, trustValue)}`,
      failed: check.verdict === 'fail'
    }
  }
  const item = (detail: string, id: CheckId): string => {
    const verdict = sentence(id)
    const text = verdict ? `${detail} ${esc(verdict.text)}`.trim() : detail
    return verdict?.failed
      ? `<li class="warn"><strong>Warning:</strong> ${text}</li>`
      : `<li>${text}</li>`
  }
  const ok = (text: string): string => `<li>${text}</li>`

  const change = r.prediction - r.baselinePrediction
  const { absolute, relative } = r.additivityGap
  out.push(
    item(
      `Additivity: Σφ = ${esc(formatNumber(attributionSum(r)))}; f(x) − f(baseline) = ${esc(formatNumber(change))}; gap ${esc(formatNumber(absolute, 3))} (relative ${esc(formatNumber(relative, 3))}).`,
      'additivity'
    )
  )
  if (summary.checks.some((c) => c.id === 'exact')) {
    const a = r.checks.exactAgreement
    out.push(
      item(
        a
          ? `Exact Shapley values over the same ${a.players} players: largest difference ${esc(formatNumber(a.maxAbsDiff, 3))}${a.withinErrors === null ? '' : `; ${esc(formatPercent(a.withinErrors))} of the players within ±1.96 s.e.`}.`
          : '',
        'exact'
      )
    )
  }
  if (summary.checks.some((c) => c.id === 'seeds')) {
    const s = r.checks.seedSpread
    out.push(
      item(
        s
          ? `Re-run with seeds ${s.seeds.join(', ')} at ${s.budget} coalitions: spread ${esc(formatNumber(s.spread, 3))}, reported standard error ${esc(formatNumber(s.reported, 3))}.`
          : '',
        'seeds'
      )
    )
  }

  const se = allStderr(r)
  if (se && se.length > 0 && !se.some((v) => v > 0)) {
    out.push(
      ok('Standard errors are all 0: every coalition was evaluated, so the values are exact.')
    )
  } else if (se && se.length > 0) {
    const mean = se.reduce((a, b) => a + b, 0) / se.length
    const max = Math.max(...se)
    out.push(
      ok(
        `Standard errors of φ: mean ${esc(formatNumber(mean, 3))}, largest ${esc(formatNumber(max, 3))} (bar whiskers are ±1.96 standard errors).`
      )
    )
  }

  const r2 = r.fidelity.limeR2
  if (r2 !== null) {
    out.push(
      item(
        `LIME surrogate fit R² = ${esc(formatNumber(r2, 3))}${r.fidelity.limeIntercept === null ? '' : `, intercept ${esc(formatNumber(r.fidelity.limeIntercept))}`}.`,
        'lime'
      )
    )
  }

  const prune = r.fidelity.timeshapPruneIndex
  if (prune !== null) {
    out.push(
      ok(
        prune > 0
          ? `TimeSHAP pruning: the ${prune} oldest steps (up to ${esc(shortTime(r.window.time[prune - 1] ?? ''))}) were merged into one player; prune index ${prune}.`
          : 'TimeSHAP pruning: nothing was pruned (prune index 0); every step is its own player.'
      )
    )
  }

  const ig = r.fidelity.igCompletenessGap
  if (ig !== null) {
    const rel = Math.abs(ig) / Math.max(Math.abs(change), Number.EPSILON)
    const line = `Integrated gradients completeness gap: ${esc(formatNumber(ig, 3))} (Σφ − (f(x) − f(baseline))).`
    out.push(
      rel > ADDITIVITY_TOLERANCE
        ? `<li class="warn"><strong>Warning:</strong> ${line} The path integral is not converged; more path points would make the attributions add up.</li>`
        : ok(line)
    )
  }

  const d = r.checks.deletion
  if (d) {
    out.push(
      item(
        `Deletion check: area between the random-order and the attribution-order deletion curves ${esc(formatNumber(d.deletionArea, 3))}; insertion area ${esc(formatNumber(d.insertionArea, 3))} (${esc(d.order)} order, ${d.randomOrders} random orders).`,
        'deletion'
      )
    )
  }

  const rho = r.checks.randomisationSpearman
  if (rho !== null) {
    out.push(
      item(
        `Model randomisation: Spearman ρ between this attribution and the one of a model with randomised weights = ${esc(formatNumber(rho, 3))}.`,
        'randomisation'
      )
    )
  }
  return out
}

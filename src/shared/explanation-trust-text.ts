/**
 * The trust checks in English words, one wording for the Explain view (its
 * English messages take these) and the exports. `{value}` is the check's
 * number, formatted by the caller (a percentage for additivity and exact
 * agreement, a ratio for the seed spread, a number otherwise); `{limit}` the
 * exact-enumeration player limit.
 */
import type { ExplanationRecord } from './explanation'
import type { CheckId, TrustCheck, Verdict } from './explanation-trust'
import { trustSummary } from './explanation-trust'
import { MAX_EXACT_PLAYERS } from './explain-limits'

export const TRUST_TEXT_EN: Record<CheckId, { name: string } & Record<Verdict, string>> = {
  additivity: {
    name: 'Additivity',
    pass: 'The attributions add up to the change in the forecast (off by {value}).',
    fail: 'The attributions do not add up to the change in the forecast: off by {value} of it.',
    construction:
      'Holds by construction: this method hands the last input whatever remains, so the sum cannot be off. It is no evidence either way.',
    skipped: ''
  },
  exact: {
    name: 'Agreement with exact values',
    pass: 'Close to the exact Shapley values: the largest difference is {value} of the largest value.',
    fail: 'Far from the exact Shapley values: the largest difference is {value} of the largest value. Use more coalitions.',
    construction: 'Every coalition was evaluated: these are the exact Shapley values.',
    skipped: 'Not run: it needs the trust checks and at most {limit} inputs.'
  },
  seeds: {
    name: 'Spread across seeds',
    pass: 'Re-runs with other seeds vary by {value} × the reported standard errors: the error bars are honest.',
    fail: 'Re-runs with other seeds vary by {value} × the reported standard errors: the error bars are too narrow.',
    construction: '',
    skipped: 'Not run: it needs the trust checks.'
  },
  lime: {
    name: 'LIME fit',
    pass: 'The local linear model explains the forecast well (R² {value}).',
    fail: 'The local linear model fits poorly (R² {value} < 0.5): read these attributions with care.',
    construction: '',
    skipped: 'No fit was reported.'
  },
  deletion: {
    name: 'Deletion vs random order',
    pass: 'Removing the top-ranked inputs moves the forecast faster than a random order (area {value}).',
    fail: 'No better than a random order (area {value}): the ranking does not single out what matters.',
    construction: '',
    skipped: 'Not run.'
  },
  randomisation: {
    name: 'Randomised weights',
    pass: 'With random weights the explanation changes (ρ {value}), as it should.',
    fail: 'Suspicious: with random weights the explanation barely changes (ρ {value}). It may reflect the input, not what the model learned.',
    construction: '',
    skipped: 'Not run.'
  }
}

/** How a check's number reads: a share, a ratio or a plain number. */
export function trustValueKind(id: CheckId): 'percent' | 'ratio' | 'number' {
  if (id === 'additivity' || id === 'exact') return 'percent'
  if (id === 'seeds') return 'ratio'
  return 'number'
}

/** The English sentence for a check, its number formatted by `format`. */
export function trustSentenceEn(
  check: TrustCheck,
  format: (value: number | null, kind: 'percent' | 'ratio' | 'number') => string
): string {
  const template = TRUST_TEXT_EN[check.id][check.verdict]
  const value =
    check.value === null ? null : check.id === 'additivity' ? Math.abs(check.value) : check.value
  return template
    .replace('{value}', format(value, trustValueKind(check.id)))
    .replace('{limit}', String(MAX_EXACT_PLAYERS))
}

export interface TrustReportLine {
  check: CheckId
  verdict: Verdict
  value: number | null
  text: string
}

function plainNumber(value: number | null, kind: 'percent' | 'ratio' | 'number'): string {
  if (value === null) return '—'
  if (kind === 'percent') return `${Number((value * 100).toPrecision(3))} %`
  return String(Number(value.toPrecision(kind === 'ratio' ? 2 : 3)))
}

/** Each check's verdict with its English sentence, as the JSON export carries it next to the record. */
export function trustReportEn(r: ExplanationRecord): TrustReportLine[] {
  return trustSummary(r).checks.map((c) => ({
    check: c.id,
    verdict: c.verdict,
    value: c.value,
    text: trustSentenceEn(c, plainNumber)
  }))
}

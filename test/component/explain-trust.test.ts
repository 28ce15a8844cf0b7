import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import TrustPanel from '../../src/renderer/src/explain/TrustPanel.vue'
import {
  EXACT_AGREEMENT_MAX,
  SEED_SPREAD_MAX,
  trustSummary
} from '../../src/shared/explanation-trust'
import type { ExplanationRecord } from '../../src/shared/explanation'
import { record } from './explain-fixtures'

const curves = (deletionArea: number) => ({
  x: [0, 0.5, 1],
  deletion: [3.5, 2.5, 2],
  insertion: [2, 3, 3.5],
  deletionRandom: [3.5, 3, 2],
  insertionRandom: [2, 2.5, 3.5],
  deletionArea,
  insertionArea: 0.2,
  order: 'signed' as const,
  randomOrders: 8
})

const noChecks = {
  deletion: null,
  randomisationSpearman: null,
  exactAgreement: null,
  seedSpread: null
}

/** A sampled KernelSHAP record with the stability checks' numbers. */
function sampled(relative: number, ratio: number): ExplanationRecord {
  return record({
    fidelity: { ...record().fidelity, kernelMode: 'sampled' },
    checks: {
      ...noChecks,
      deletion: curves(0.3),
      exactAgreement: { players: 3, maxAbsDiff: relative * 0.75, relative, withinErrors: 1 },
      seedSpread: { seeds: [1, 2, 3], budget: 256, spread: ratio * 0.02, reported: 0.02, ratio }
    }
  })
}

function panel(r: ExplanationRecord, locale: 'en' | 'zh-CN' = 'en') {
  return mount(TrustPanel, {
    props: { record: r, busy: false },
    global: { plugins: [createAppI18n(locale)] }
  })
}

describe('trust panel', () => {
  it('shows f(x), f(baseline), Σφ and the gap, and passes a clean exact explanation', () => {
    const w = panel(
      record({ method: 'exact', fidelity: { ...record().fidelity, kernelMode: null } })
    )
    expect(w.get('[data-testid="trust-fx"]').text()).toBe('3.5')
    expect(w.get('[data-testid="trust-sum"]').text()).toBe('1.5')
    expect(w.get('[data-testid="trust-gap"]').text()).toContain('0')
    expect(w.get('[data-testid="trust-badge"]').text()).toBe('All checks pass')
    expect(w.get('[data-testid="check-additivity"]').attributes('data-verdict')).toBe('pass')
    expect(w.get('[data-testid="check-deletion"]').attributes('data-verdict')).toBe('skipped')
    expect(w.get('[data-testid="trust-stderr"]').text()).toContain('mean 0.02')
    // Checks that did not run can be asked for.
    expect(w.find('[data-testid="run-randomisation"]').exists()).toBe(true)
    expect(w.find('[data-testid="run-checks"]').exists()).toBe(true)
  })

  it('does not count KernelSHAP additivity as evidence: it holds by construction', () => {
    const w = panel(record())
    const additivity = w.get('[data-testid="check-additivity"]')
    expect(additivity.attributes('data-verdict')).toBe('construction')
    expect(additivity.text()).toContain('Holds by construction')
    // Every coalition evaluated: the values are the exact ones, said as such.
    expect(w.get('[data-testid="check-exact"]').attributes('data-verdict')).toBe('construction')
    // Nothing that could fail ran, so nothing "passes".
    expect(w.get('[data-testid="trust-badge"]').text()).toBe('No check ran')
  })

  it('shows agreement with exact values and the spread across seeds for sampled KernelSHAP', () => {
    const w = panel(sampled(0.02, 1.1))
    expect(w.get('[data-testid="check-exact"]').attributes('data-verdict')).toBe('pass')
    expect(w.get('[data-testid="check-exact"]').text()).toContain('2%')
    expect(w.get('[data-testid="check-seeds"]').attributes('data-verdict')).toBe('pass')
    expect(w.get('[data-testid="check-seeds"]').text()).toContain('1.1 ×')
    expect(w.get('[data-testid="trust-badge"]').text()).toBe('All checks pass')
    const bad = panel(sampled(0.4, 3.2))
    expect(bad.get('[data-testid="trust-badge"]').text()).toBe('2 checks failed')
    expect(bad.get('[data-testid="check-seeds"]').text()).toContain('too narrow')
  })

  it('flags each failing check in plain words', () => {
    const r = record({
      method: 'lime',
      additivityGap: { absolute: 0.02, relative: 0.0133 },
      fidelity: { ...record().fidelity, limeR2: 0.31, kernelMode: null },
      checks: { ...noChecks, deletion: curves(-0.05), randomisationSpearman: 0.92 }
    })
    const w = panel(r)
    expect(w.get('[data-testid="trust-badge"]').text()).toBe('4 checks failed')
    const text = (id: string) => w.get(`[data-testid="check-${id}"]`)
    expect(text('additivity').attributes('data-verdict')).toBe('fail')
    expect(text('additivity').text()).toContain('do not add up')
    expect(text('lime').attributes('data-verdict')).toBe('fail')
    expect(text('lime').text()).toContain('fits poorly')
    expect(text('deletion').attributes('data-verdict')).toBe('fail')
    expect(text('deletion').text()).toContain('No better than a random order')
    expect(text('randomisation').attributes('data-verdict')).toBe('fail')
    expect(text('randomisation').text()).toContain('Suspicious')
    expect(w.find('[data-testid="run-randomisation"]').exists()).toBe(false)
  })

  it('uses the thresholds at their edges', () => {
    const exact = { method: 'exact' as const, fidelity: { ...record().fidelity, kernelMode: null } }
    const at = (o: Partial<ExplanationRecord>) => trustSummary(record({ ...exact, ...o })).failed
    expect(at({ additivityGap: { absolute: 1e-4, relative: 1e-3 } })).toEqual([])
    expect(at({ additivityGap: { absolute: 1e-4, relative: -1.1e-3 } })).toEqual(['additivity'])
    // KernelSHAP's gap cannot fail, whatever it reads.
    expect(trustSummary(record({ additivityGap: { absolute: 1, relative: 0.5 } })).failed).toEqual(
      []
    )
    expect(at({ method: 'lime', fidelity: { ...record().fidelity, limeR2: 0.5 } })).toEqual([])
    expect(at({ checks: { ...noChecks, deletion: curves(0) } })).toEqual(['deletion'])
    expect(at({ checks: { ...noChecks, randomisationSpearman: -0.71 } })).toEqual(['randomisation'])
    expect(at({ checks: { ...noChecks, randomisationSpearman: 0.7 } })).toEqual([])
    expect(trustSummary(sampled(EXACT_AGREEMENT_MAX, SEED_SPREAD_MAX)).failed).toEqual([])
    expect(
      trustSummary(sampled(EXACT_AGREEMENT_MAX * 1.01, SEED_SPREAD_MAX * 1.01)).failed
    ).toEqual(['exact', 'seeds'])
  })

  it('speaks Chinese', () => {
    const w = panel(record({ checks: { ...noChecks, deletion: curves(-1) } }), 'zh-CN')
    expect(w.text()).toContain('这个解释可信吗')
    expect(w.get('[data-testid="check-deletion"]').text()).toContain('不比随机顺序好')
    expect(w.get('[data-testid="check-additivity"]').text()).toContain('由构造保证')
  })
})

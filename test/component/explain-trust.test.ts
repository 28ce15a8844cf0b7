import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import TrustPanel from '../../src/renderer/src/explain/TrustPanel.vue'
import { trustSummary } from '../../src/renderer/src/explain/trust'
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

function panel(r: ExplanationRecord, locale: 'en' | 'zh-CN' = 'en') {
  return mount(TrustPanel, {
    props: { record: r, busy: false },
    global: { plugins: [createAppI18n(locale)] }
  })
}

describe('trust panel', () => {
  it('shows f(x), f(baseline), Σφ and the gap, and passes a clean explanation', () => {
    const w = panel(record())
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

  it('flags each failing check in plain words', () => {
    const r = record({
      method: 'lime',
      additivityGap: { absolute: 0.02, relative: 0.0133 },
      fidelity: { ...record().fidelity, limeR2: 0.31, kernelMode: null },
      checks: { deletion: curves(-0.05), randomisationSpearman: 0.92 }
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
    const at = (o: Partial<ExplanationRecord>) => trustSummary(record(o)).failed
    expect(at({ additivityGap: { absolute: 1e-4, relative: 1e-3 } })).toEqual([])
    expect(at({ additivityGap: { absolute: 1e-4, relative: -1.1e-3 } })).toEqual(['additivity'])
    expect(at({ method: 'lime', fidelity: { ...record().fidelity, limeR2: 0.5 } })).toEqual([])
    expect(at({ checks: { deletion: curves(0), randomisationSpearman: null } })).toEqual([
      'deletion'
    ])
    expect(at({ checks: { deletion: null, randomisationSpearman: -0.71 } })).toEqual([
      'randomisation'
    ])
    expect(at({ checks: { deletion: null, randomisationSpearman: 0.7 } })).toEqual([])
  })

  it('speaks Chinese', () => {
    const w = panel(
      record({ checks: { deletion: curves(-1), randomisationSpearman: null } }),
      'zh-CN'
    )
    expect(w.text()).toContain('这个解释可信吗')
    expect(w.get('[data-testid="check-deletion"]').text()).toContain('不比随机顺序好')
  })
})

import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createAppI18n } from '../../src/renderer/src/i18n'
import MetricsTable from '../../src/renderer/src/components/MetricsTable.vue'
import type { Evaluation, Metrics } from '../../src/shared/domain'

const m = (rmse: number): Metrics => ({ mse: rmse * rmse, rmse, mae: rmse })

function verdict(
  evaluation: Evaluation,
  locale: 'en' | 'zh-CN' = 'en'
): { text: string; good: boolean } {
  const wrapper = mount(MetricsTable, {
    props: { evaluation },
    global: { plugins: [createAppI18n(locale)] }
  })
  const p = wrapper.get('.verdict')
  return { text: p.text(), good: p.classes().includes('good') }
}

describe('the metrics verdict', () => {
  it('says the model wins only when it beats every baseline shown', () => {
    const both = verdict({ windows: 10, model: m(1), naive: m(2), seasonalNaive: m(1.25) })
    expect(both).toEqual({ good: true, text: expect.stringContaining('RMSE 50') })

    // Better than the last value, worse than the value a season ago (CO2-like): not a win.
    const only = verdict({
      windows: 10,
      model: m(3.964),
      naive: m(4.0481),
      seasonalNaive: m(2.4885)
    })
    expect(only.good).toBe(false)
    expect(only.text).toContain('not the seasonal naive')
    // (3.964 − 2.4885) / 2.4885 = 59.3 % higher; (4.0481 − 3.964) / 4.0481 = 2.1 % lower.
    expect(only.text).toMatch(/59\.3\s?%/)
    expect(only.text).toMatch(/2\.1\s?%/)
    expect(
      verdict({ windows: 10, model: m(3.964), naive: m(4.0481), seasonalNaive: m(2.4885) }, 'zh-CN')
        .text
    ).toContain('季节性朴素')

    const loses = verdict({ windows: 10, model: m(2), naive: m(1), seasonalNaive: null })
    expect(loses).toEqual({
      good: false,
      text: expect.stringContaining('naive forecast is better')
    })
  })
})

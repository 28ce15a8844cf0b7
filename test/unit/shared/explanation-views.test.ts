import { describe, expect, it } from 'vitest'
import { levelsAtTarget } from '../../../src/shared/explanation-views'
import type { ExplanationRecord } from '../../../src/shared/explanation'

const base = {
  target: 'co2',
  features: ['co2', 'temp'],
  window: {
    time: ['a', 'b'],
    values: [
      [400, 1],
      [402, 2]
    ]
  },
  prediction: 1.5,
  actual: 2
} as unknown as ExplanationRecord

describe('levelsAtTarget', () => {
  it('returns a forecast record as it is', () => {
    expect(levelsAtTarget({ ...base, quantity: 'forecast' })).toEqual({ forecast: 1.5, actual: 2 })
  })
  it("adds the window's last target value back to a change record", () => {
    expect(levelsAtTarget({ ...base, quantity: 'change' })).toEqual({
      forecast: 403.5,
      actual: 404
    })
  })
})

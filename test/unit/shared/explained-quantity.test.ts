import { describe, expect, it } from 'vitest'
import {
  defaultQuantity,
  ExplainJobSchema,
  GlobalJobSchema,
  withQuantity
} from '../../../src/shared/explanation'

describe('what is explained by default (one rule for the app, the CLI and the engine)', () => {
  it('is the predicted change for a model trained on changes, the forecast otherwise', () => {
    expect(defaultQuantity('change')).toBe('change')
    expect(defaultQuantity('level')).toBe('forecast')
  })

  it('leaves a job without a quantity to the run, and keeps one that was asked for', () => {
    const job = ExplainJobSchema.parse({ index: 3 })
    expect(job.quantity).toBeUndefined()
    expect(withQuantity(job, 'change').quantity).toBe('change')
    expect(withQuantity(job, 'level').quantity).toBe('forecast')
    const asked = ExplainJobSchema.parse({ index: 3, quantity: 'forecast' })
    expect(withQuantity(asked, 'change').quantity).toBe('forecast')
    expect(withQuantity(asked, 'change').index).toBe(3)
    const global = GlobalJobSchema.parse({})
    expect(withQuantity(global, 'change').quantity).toBe('change')
  })
})

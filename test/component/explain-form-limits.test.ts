import { describe, expect, it } from 'vitest'
import { ExplainJobSchema, GlobalJobSchema } from '@shared/explanation'
import { defaultForm, validateForm } from '../../src/renderer/src/explain/form'

/** The Explain form refuses exactly what the engine's job schemas refuse, at each bound. */
describe('Explain form limits come from the job schemas', () => {
  const accepts = (patch: Record<string, unknown>): boolean =>
    ExplainJobSchema.safeParse({ index: 0, ...patch }).success

  it.each([
    ['samples', 1],
    ['samples', 1_000_000],
    ['seed', 0],
    ['seed', 2 ** 31 - 1],
    ['backgroundSize', 1],
    ['backgroundSize', 1000]
  ] as const)('%s = %d is valid in the form and in the schema', (field, value) => {
    const form = { ...defaultForm(), baseline: 'background' as const, [field]: value }
    expect(accepts({ [field]: value })).toBe(true)
    expect(validateForm(form)[field]).toBeUndefined()
  })

  it.each([
    ['samples', 0],
    ['samples', 1_000_001],
    ['seed', -1],
    ['seed', 2 ** 31],
    ['backgroundSize', 0],
    ['backgroundSize', 1001]
  ] as const)('%s = %d is refused by both, with the bounds the schema has', (field, value) => {
    const form = { ...defaultForm(), baseline: 'background' as const, [field]: value }
    expect(accepts({ [field]: value })).toBe(false)
    expect(validateForm(form)[field]).toBeDefined()
  })

  it('bounds importance by lag to the windows the global job schema allows', () => {
    for (const [windows, ok] of [
      [1, true],
      [10_000, true],
      [0, false],
      [10_001, false]
    ] as const) {
      expect(GlobalJobSchema.safeParse({ windows }).success).toBe(ok)
      expect(validateForm(defaultForm(), { windows }).windows === undefined).toBe(ok)
    }
  })
})

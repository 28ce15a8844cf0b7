import { describe, expect, it } from 'vitest'
import { DataConfigSchema, SplitSchema } from '../../../src/shared/data-config'
import { GlobalJobSchema } from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import {
  numberLimits,
  numberProblem,
  parseNumber,
  scaleLimits
} from '../../../src/shared/number-limits'

describe('numberLimits', () => {
  it('reads bounds, exclusivity and integrality from the schemas', () => {
    expect(numberLimits(ModelConfigSchema.shape.layers)).toEqual({
      min: 1,
      max: 8,
      minExclusive: false,
      maxExclusive: false,
      integer: true
    })
    expect(numberLimits(ModelConfigSchema.shape.learningRate)).toMatchObject({
      min: 0,
      minExclusive: true,
      max: 1,
      maxExclusive: false,
      integer: false
    })
    expect(numberLimits(DataConfigSchema.shape.seasonLength)).toMatchObject({
      min: 1,
      max: 100_000
    })
    expect(scaleLimits(numberLimits(SplitSchema.shape.train), 100)).toMatchObject({
      min: 0,
      max: 100,
      minExclusive: true,
      maxExclusive: true
    })
    expect(numberLimits(GlobalJobSchema.shape.windows)).toMatchObject({ max: 10_000 })
  })

  it('agrees with the schema on every value it accepts or refuses', () => {
    const cases: [keyof typeof ModelConfigSchema.shape, number][] = [
      ['learningRate', 0],
      ['learningRate', 1e-9],
      ['learningRate', 1],
      ['learningRate', 1.0001],
      ['dropout', 0.9],
      ['dropout', 0.91],
      ['epochs', -5],
      ['epochs', 0],
      ['epochs', 1],
      ['epochs', 2.5],
      ['seed', 2 ** 31 - 1],
      ['seed', 2 ** 31]
    ]
    for (const [field, value] of cases) {
      const schema = ModelConfigSchema.shape[field]
      const ok = numberProblem(value, numberLimits(schema)) === null
      expect([field, value, ok]).toEqual([field, value, schema.safeParse(value).success])
    }
  })
})

describe('parseNumber', () => {
  it('reads decimals with a point or an unambiguous comma', () => {
    expect(parseNumber('0,01')).toBe(0.01)
    expect(parseNumber(',5')).toBe(0.5)
    expect(parseNumber('2,5')).toBe(2.5)
    expect(parseNumber(' 1e-3 ')).toBe(0.001)
    expect(parseNumber('-3')).toBe(-3)
  })

  it('refuses text, thousands separators and half-typed numbers', () => {
    for (const text of ['abc', 'e', '1e', '1,000', '1.000,5', '--1', 'Infinity', '', '7 8'])
      expect([text, parseNumber(text)]).toEqual([text, null])
  })

  it('names the problem so the form can say it', () => {
    const epochs = numberLimits(ModelConfigSchema.shape.epochs)
    expect(numberProblem('', epochs)).toBe('required')
    expect(numberProblem('', epochs, true)).toBeNull()
    expect(numberProblem('abc', epochs)).toBe('notNumber')
    expect(numberProblem('1,000', epochs)).toBe('comma')
    expect(numberProblem(-5, epochs)).toBe('range')
    expect(numberProblem(2.5, epochs)).toBe('integer')
    expect(numberProblem('12', epochs)).toBeNull()
  })
})

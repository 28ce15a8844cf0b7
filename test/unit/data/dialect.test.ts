import { describe, expect, it } from 'vitest'
import { parseNumber } from '../../../src/core/engine/data/cells'
import { detectDialect } from '../../../src/core/engine/data/dialect'

describe('detectDialect', () => {
  it('finds the delimiter whose split is consistent', () => {
    expect(detectDialect('date,a,b\n2020-01-01,1.5,2\n2020-01-02,3,4\n')).toEqual({
      delimiter: ',',
      decimal: '.',
      headerLine: 1
    })
    expect(detectDialect('date\ta\n2020-01-01\t1\n').delimiter).toBe('\t')
    expect(detectDialect('date|a\n2020-01-01|1\n').delimiter).toBe('|')
  })

  it('reads semicolons with decimal commas (a European spreadsheet export)', () => {
    const sample = 'Datum;Wert;Menge\n01.02.2020;1,5;1.234,5\n02.02.2020;2,25;3\n03.02.2020;3,0;4\n'
    expect(detectDialect(sample)).toEqual({ delimiter: ';', decimal: ',', headerLine: 1 })
  })

  it('keeps a dot decimal for semicolon files written with dots', () => {
    expect(detectDialect('d;v\n2020-01-01;1.5\n2020-01-02;2.5\n').decimal).toBe('.')
  })

  it('finds the header under a preamble, and no header when the first row is data', () => {
    const preamble = 'Exported by Sensor Hub v2\ndate,temp,hum\n2020-01-01,1,2\n2020-01-02,3,4\n'
    expect(detectDialect(preamble).headerLine).toBe(2)
    expect(detectDialect('2020-01-01,1,2\n2020-01-02,3,4\n').headerLine).toBeNull()
  })

  it('lets every part be overridden', () => {
    expect(detectDialect('a,b\n1,2\n', { delimiter: ';', decimal: ',', headerLine: null })).toEqual(
      { delimiter: ';', decimal: ',', headerLine: null }
    )
  })
})

describe('parseNumber', () => {
  it('reads plain, grouped and comma-decimal numbers; NaN for missing; null for text', () => {
    expect(parseNumber('1.5', '.')).toBe(1.5)
    expect(parseNumber(' -2e3 ', '.')).toBe(-2000)
    expect(parseNumber('1,234.5', '.')).toBe(1234.5)
    expect(parseNumber('1,5', ',')).toBe(1.5)
    expect(parseNumber('1.234,5', ',')).toBe(1234.5)
    expect(parseNumber('1.100', ',')).toBe(1100)
    expect(parseNumber('-2', ',')).toBe(-2)
    expect(parseNumber('NA', '.')).toBeNaN()
    expect(parseNumber('', '.')).toBeNaN()
    expect(parseNumber('0x10', '.')).toBeNull()
    expect(parseNumber('Infinity', '.')).toBeNull()
    expect(parseNumber('abc', '.')).toBeNull()
  })
})

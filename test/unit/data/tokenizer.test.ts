import { describe, expect, it } from 'vitest'
import { CSV_LIMITS, quoteText } from '../../../src/core/engine/data/limits'
import { CsvTokenizer, TokenizerError, tokenizeAll } from '../../../src/core/engine/data/tokenizer'

type Rec = { fields: string[]; line: number }

function chunked(text: string, cuts: number[]): Rec[] {
  const out: Rec[] = []
  const t = new CsvTokenizer(',', (fields, line) => out.push({ fields, line }), CSV_LIMITS)
  let at = 0
  for (const cut of [...cuts, text.length]) {
    t.push(text.slice(at, cut))
    at = cut
  }
  t.end()
  return out
}

const TRICKY =
  'date,note,v\r\n2020-01-01,"two\nlines",1\n\n2020-01-02,"a ""quoted"" word",2\r\n2020-01-03,"comma, inside",\n2020-01-04,plain,4'

describe('CsvTokenizer', () => {
  it('reads quoted newlines, escaped quotes, CRLF, blank lines and a last line without newline', () => {
    expect(tokenizeAll(TRICKY, ',', CSV_LIMITS)).toEqual([
      { fields: ['date', 'note', 'v'], line: 1 },
      { fields: ['2020-01-01', 'two\nlines', '1'], line: 2 },
      // line 4 is blank; the quoted newline made the record above span lines 2–3.
      { fields: ['2020-01-02', 'a "quoted" word', '2'], line: 5 },
      { fields: ['2020-01-03', 'comma, inside', ''], line: 6 },
      { fields: ['2020-01-04', 'plain', '4'], line: 7 }
    ])
  })

  it('gives the same records however the text is cut into chunks', () => {
    const whole = tokenizeAll(TRICKY, ',', CSV_LIMITS)
    for (let a = 0; a <= TRICKY.length; a++) {
      expect(chunked(TRICKY, [a])).toEqual(whole)
      expect(chunked(TRICKY, [a, Math.min(TRICKY.length, a + 3)])).toEqual(whole)
    }
  })

  it('bounds fields, columns and records, naming the line and column', () => {
    const limits = { ...CSV_LIMITS, maxFieldChars: 10, maxColumns: 3, maxRecordChars: 50 }
    const fail = (text: string): TokenizerError => {
      try {
        tokenizeAll(text, ',', limits)
      } catch (e) {
        if (e instanceof TokenizerError) return e
      }
      throw new Error('expected a TokenizerError')
    }
    expect(fail('a,b\n1,2\n3,12345678901\n')).toMatchObject({
      reason: 'field-too-long',
      line: 3,
      column: 2
    })
    expect(fail('a,b\n1,2,3,4\n')).toMatchObject({ reason: 'too-many-columns', line: 2 })
    expect(fail('a\n"' + 'x,'.repeat(40))).toMatchObject({ reason: 'record-too-long', line: 2 })
    expect(fail('a,b\n1,"open\n')).toMatchObject({ reason: 'unclosed-quote', line: 2, column: 2 })
  })

  it('drops the cut last record of a sample', () => {
    expect(tokenizeAll('a,b\n1,2\n3,', ',', CSV_LIMITS, { complete: false })).toHaveLength(2)
  })
})

describe('quoteText', () => {
  it('quotes at most 40 characters and flattens line breaks', () => {
    expect(quoteText('short')).toBe('"short"')
    const long = quoteText('x'.repeat(1000))
    expect(long).toHaveLength(42)
    expect(long.endsWith('…"')).toBe(true)
    expect(quoteText('a\nb')).toBe('"a b"')
  })
})

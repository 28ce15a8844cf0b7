import type { CsvLimits } from './limits'

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/** One record of a CSV file and the file line it starts on (1-based). */
export type RecordSink = (fields: string[], line: number) => void

/** A record or field over a limit, or a quote never closed; the reader turns it into a message. */
export class TokenizerError extends Error {
  constructor(
    readonly reason: 'field-too-long' | 'too-many-columns' | 'record-too-long' | 'unclosed-quote',
    readonly line: number,
    /** 1-based column of the offending field, when there is one. */
    readonly column: number | null
  ) {
    super(reason)
  }
}

/**
 * A streaming RFC 4180 tokenizer: push decoded text in chunks of any size and
 * it calls `sink` once per record, with the file line where the record began
 * (quoted newlines advance the line count, so later lines stay right).
 * Blank lines are skipped. A record cut by a chunk boundary is carried to the
 * next push; the record limit bounds what is carried.
 */
export class CsvTokenizer {
  private carry = ''
  private line = 1

  constructor(
    private readonly delimiter: string,
    private readonly sink: RecordSink,
    private readonly limits: CsvLimits
  ) {
    if (delimiter.length !== 1) throw new Error('The delimiter must be one character.')
  }

  push(chunk: string): void {
    this.scan(this.carry === '' ? chunk : this.carry + chunk, false)
  }

  end(): void {
    if (this.carry !== '') this.scan(this.carry, true)
    this.carry = ''
  }

  private scan(text: string, final: boolean): void {
    const delim = this.delimiter.charCodeAt(0)
    const n = text.length
    let pos = 0
    while (pos < n) {
      const recordStart = pos
      const startLine = this.line
      let newlines = 0
      const fields: string[] = []
      let complete = false
      // One record: fields until an unquoted line break, or the end of the text when final.
      for (;;) {
        let value: string
        let j: number
        if (text.charCodeAt(pos) === QUOTE) {
          let k = pos + 1
          value = ''
          let closed = false
          for (;;) {
            const q = text.indexOf('"', k)
            if (q < 0) break
            value += text.slice(k, q)
            if (q + 1 < n && text.charCodeAt(q + 1) === QUOTE) {
              value += '"'
              k = q + 2
              continue
            }
            if (q + 1 >= n && !final) break // "" may continue in the next chunk
            k = q + 1
            closed = true
            break
          }
          if (!closed) {
            if (!final) break
            throw new TokenizerError('unclosed-quote', startLine, fields.length + 1)
          }
          newlines += countLineBreaks(value)
          // Text between a closing quote and the delimiter is kept (lenient, like spreadsheets).
          j = k
          while (j < n) {
            const c = text.charCodeAt(j)
            if (c === delim || c === CR || c === LF) break
            j += 1
          }
          if (j > k) value += text.slice(k, j)
        } else {
          j = pos
          while (j < n) {
            const c = text.charCodeAt(j)
            if (c === delim || c === CR || c === LF) break
            j += 1
          }
          value = text.slice(pos, j)
        }
        if (value.length > this.limits.maxFieldChars) {
          throw new TokenizerError('field-too-long', startLine, fields.length + 1)
        }
        fields.push(value)
        if (fields.length > this.limits.maxColumns) {
          throw new TokenizerError('too-many-columns', startLine, fields.length)
        }
        if (j >= n) {
          complete = final
          pos = n
          break
        }
        const c = text.charCodeAt(j)
        if (c === delim) {
          pos = j + 1
          if (pos >= n && !final) break
          if (pos >= n) {
            fields.push('')
            complete = true
            break
          }
          continue
        }
        // A line break ends the record; CR LF counts once. A CR at the very end may precede an LF.
        if (c === CR && j + 1 >= n && !final) break
        pos = c === CR && text.charCodeAt(j + 1) === LF ? j + 2 : j + 1
        complete = true
        break
      }
      if (!complete) {
        this.carry = text.slice(recordStart)
        if (this.carry.length > this.limits.maxRecordChars) {
          throw new TokenizerError('record-too-long', startLine, null)
        }
        return
      }
      if (pos - recordStart > this.limits.maxRecordChars) {
        throw new TokenizerError('record-too-long', startLine, null)
      }
      this.line = startLine + 1 + newlines
      if (!(fields.length === 1 && fields[0]!.trim() === '')) this.sink(fields, startLine)
    }
    this.carry = ''
  }
}

function countLineBreaks(text: string): number {
  let count = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === LF) count += 1
    else if (c === CR && text.charCodeAt(i + 1) !== LF) count += 1
  }
  return count
}

/**
 * Tokenize a string. A sample (`complete` false) is the start of a larger
 * file: its last, possibly cut, record is dropped rather than read.
 */
export function tokenizeAll(
  text: string,
  delimiter: string,
  limits: CsvLimits,
  { maxRecords = Infinity, complete = true }: { maxRecords?: number; complete?: boolean } = {}
): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = []
  const t = new CsvTokenizer(
    delimiter,
    (fields, line) => {
      if (out.length < maxRecords) out.push({ fields, line })
    },
    limits
  )
  t.push(text)
  if (complete) t.end()
  return out
}

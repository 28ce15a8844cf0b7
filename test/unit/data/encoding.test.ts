import { describe, expect, it } from 'vitest'
import { isUtf8, sniffBytes } from '../../../src/core/engine/data/encoding'

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b)
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('sniffBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(sniffBytes(utf8('date,température\n'))).toEqual({
      kind: 'text',
      encoding: 'utf-8',
      bom: false
    })
    expect(sniffBytes(utf8('\uFEFFdate,v\n'))).toEqual({
      kind: 'text',
      encoding: 'utf-8',
      bom: true
    })
  })

  it('falls back to Latin-1 when the bytes are not UTF-8 (é written as one byte, 0xE9)', () => {
    const latin = bytes(...utf8('date,temp'), 0xe9, ...utf8('rature\n'))
    expect(sniffBytes(latin)).toEqual({ kind: 'text', encoding: 'latin-1', bom: false })
  })

  it('refuses binary files and UTF-16', () => {
    expect(sniffBytes(bytes(0x50, 0x4b, 0x03, 0x04, 0x00, 0x00))).toEqual({
      kind: 'binary',
      reason: 'nul-bytes'
    })
    expect(sniffBytes(bytes(0xff, 0xfe, 0x64, 0x00))).toEqual({ kind: 'binary', reason: 'utf-16' })
    const noisy = Uint8Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 0x01 : 0x41))
    expect(sniffBytes(noisy)).toEqual({ kind: 'binary', reason: 'control-bytes' })
  })
})

describe('isUtf8', () => {
  it('agrees with a strict TextDecoder on every two-byte sequence', () => {
    const strict = new TextDecoder('utf-8', { fatal: true })
    for (let a = 0x80; a < 0xe0; a += 1) {
      for (let b = 0; b < 0x100; b += 5) {
        const seq = bytes(a, b, 0x41)
        let valid = true
        try {
          strict.decode(seq)
        } catch {
          valid = false
        }
        // Lead bytes of 3- and 4-byte sequences need more bytes than this; see the next test.
        if (a < 0xe0) expect([a, b, isUtf8(seq)]).toEqual([a, b, valid])
      }
    }
  })

  it('accepts a multi-byte character cut off at the end of a sample', () => {
    expect(isUtf8(utf8('ab€').subarray(0, 3))).toBe(true)
  })
})

import { TextDecoder } from 'node:util'

/**
 * What a file's first bytes say about it: a text encoding the importer reads
 * (UTF-8 with or without BOM, or Latin-1), or not text at all.
 */
export type TextEncodingName = 'utf-8' | 'latin-1'

export type ByteSniff =
  | { readonly kind: 'text'; readonly encoding: TextEncodingName; readonly bom: boolean }
  | { readonly kind: 'binary'; readonly reason: 'nul-bytes' | 'control-bytes' | 'utf-16' }

/** Share of control bytes (other than tab, CR, LF, FF) above which a file is not text. */
const CONTROL_SHARE = 0.01

export function sniffBytes(bytes: Uint8Array): ByteSniff {
  if (bytes.length >= 2) {
    const [a, b] = [bytes[0]!, bytes[1]!]
    if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
      return { kind: 'binary', reason: 'utf-16' }
    }
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  let control = 0
  for (const byte of bytes) {
    if (byte === 0) return { kind: 'binary', reason: 'nul-bytes' }
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) {
      control += 1
    }
  }
  if (bytes.length > 0 && control / bytes.length > CONTROL_SHARE) {
    return { kind: 'binary', reason: 'control-bytes' }
  }
  return { kind: 'text', encoding: isUtf8(bytes) ? 'utf-8' : 'latin-1', bom }
}

/**
 * Whether the bytes are valid UTF-8, allowing a sequence cut off at the end
 * (the sample is the start of a larger file).
 */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0
  const n = bytes.length
  while (i < n) {
    const b = bytes[i]!
    const extra =
      b < 0x80
        ? 0
        : b >= 0xc2 && b < 0xe0
          ? 1
          : b >= 0xe0 && b < 0xf0
            ? 2
            : b >= 0xf0 && b < 0xf5
              ? 3
              : -1
    if (extra < 0) return false
    for (let k = 1; k <= extra; k++) {
      if (i + k >= n) return true
      if ((bytes[i + k]! & 0xc0) !== 0x80) return false
    }
    i += extra + 1
  }
  return true
}

/** A streaming decoder for the chosen encoding; UTF-8 is strict so that a wrong guess is noticed. */
export function createDecoder(encoding: TextEncodingName): TextDecoder {
  return encoding === 'utf-8'
    ? new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })
    : new TextDecoder('latin1')
}

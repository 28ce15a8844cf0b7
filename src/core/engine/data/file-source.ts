import { open, stat } from 'node:fs/promises'
import { UserFacingError } from '../../errors'
import { createDecoder, sniffBytes, type TextEncodingName } from './encoding'
import { formatBytes } from './limits'

export const SAMPLE_BYTES = 64 * 1024
const CHUNK_BYTES = 1024 * 1024
/**
 * A pause between chunks, in ms, from HINDSIGHT_READ_PAUSE_MS (0 by default):
 * a fault-injection knob so the e2e can cancel a large read on a machine fast
 * enough to finish it before a click lands. Never set in normal use.
 */
const READ_PAUSE_MS = Math.max(0, Number(process.env['HINDSIGHT_READ_PAUSE_MS'] ?? 0) || 0)

export interface SourceOptions {
  readonly maxFileBytes: number
  readonly encoding?: TextEncodingName | undefined
  readonly signal?: AbortSignal | undefined
  /** Called after each chunk with the bytes read so far and the file size. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined
}

export interface TextSource {
  readonly size: number
  readonly encoding: TextEncodingName
  readonly bom: boolean
  /** The decoded start of the file (at most SAMPLE_BYTES), for detection. */
  readonly sample: string
  /** Decode the whole file chunk by chunk; throws EncodingMismatch when UTF-8 was a wrong guess. */
  readonly read: (onText: (text: string) => void) => Promise<void>
}

/** Thrown when a file sniffed as UTF-8 turns out not to be; the reader starts over as Latin-1. */
export class EncodingMismatch extends Error {}

/**
 * Open a file as text: refuse what is missing, empty, too large or binary,
 * pick its encoding from the first bytes (or the user's choice), and stream
 * it in chunks that report progress and stop when the signal aborts.
 */
export async function openTextSource(
  path: string,
  file: string,
  options: SourceOptions
): Promise<TextSource> {
  const info = await stat(path).catch(() => null)
  if (!info || !info.isFile()) {
    throw new UserFacingError('file-not-found', `${file}: file not found.`, { file })
  }
  if (info.size === 0) throw new UserFacingError('empty-file', `${file} is empty.`, { file })
  if (info.size > options.maxFileBytes) {
    throw new UserFacingError(
      'file-too-large',
      `${file} is ${formatBytes(info.size)}; the largest file Hindsight opens is ${formatBytes(options.maxFileBytes)}.`,
      { file }
    )
  }
  const handle = await open(path, 'r')
  let head: Uint8Array
  try {
    const buffer = Buffer.alloc(Math.min(SAMPLE_BYTES, info.size))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    head = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  const sniff = sniffBytes(head)
  if (sniff.kind === 'binary') {
    const why =
      sniff.reason === 'utf-16'
        ? 'it is UTF-16 text. Save it as CSV (UTF-8) and open that.'
        : `it holds ${sniff.reason === 'nul-bytes' ? 'NUL bytes' : 'control bytes'}, as spreadsheets, archives and images do. Export it as CSV and open that.`
    throw new UserFacingError('not-text', `${file} is not a text CSV: ${why}`, { file })
  }
  const encoding = options.encoding ?? sniff.encoding
  const bom = sniff.bom && encoding === 'utf-8'
  return {
    size: info.size,
    encoding,
    bom,
    sample: decodeSample(head, encoding, head.length < info.size),
    read: (onText) => streamFile(path, file, info.size, encoding, options, onText)
  }
}

function decodeSample(head: Uint8Array, encoding: TextEncodingName, truncated: boolean): string {
  try {
    // stream: true keeps a character cut at the end of the sample from failing.
    return createDecoder(encoding)
      .decode(head, { stream: truncated })
      .replace(/^\uFEFF/, '')
  } catch {
    return createDecoder('latin-1').decode(head)
  }
}

async function streamFile(
  path: string,
  file: string,
  size: number,
  encoding: TextEncodingName,
  options: SourceOptions,
  onText: (text: string) => void
): Promise<void> {
  const handle = await open(path, 'r')
  const decoder = createDecoder(encoding)
  const buffer = Buffer.alloc(CHUNK_BYTES)
  let position = 0
  let first = true
  try {
    for (;;) {
      if (options.signal?.aborted) {
        throw new UserFacingError(
          'open-cancelled',
          `Opening ${file} was cancelled; the dataset open before stays open.`,
          { file }
        )
      }
      if (READ_PAUSE_MS > 0 && position > 0) {
        await new Promise((resolve) => setTimeout(resolve, READ_PAUSE_MS))
      }
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position)
      position += bytesRead
      const last = bytesRead === 0
      let text: string
      try {
        text = last
          ? decoder.decode()
          : decoder.decode(buffer.subarray(0, bytesRead), { stream: true })
      } catch {
        throw new EncodingMismatch()
      }
      if (first) {
        text = text.replace(/^\uFEFF/, '')
        first = false
      }
      if (text !== '') onText(text)
      options.onProgress?.(position, size)
      if (last) return
    }
  } finally {
    await handle.close()
  }
}

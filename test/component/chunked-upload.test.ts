import { describe, expect, it } from 'vitest'
import {
  cancelUpload,
  toBase64,
  uploadInChunks,
  uploadProgress
} from '../../src/renderer/src/data/chunked-upload'
import { UPLOAD_CHUNK_BYTES } from '../../src/shared/upload'
import { fakeHost, SUMMARY } from './fake-host'

/** A file of `size` bytes whose every byte depends on its position (so order matters). */
function patterned(size: number): { file: File; bytes: Uint8Array } {
  const bytes = Uint8Array.from({ length: size }, (_, i) => (i * 31 + (i >> 11)) & 0xff)
  return { file: new File([bytes], 'big.csv', { type: 'text/csv' }), bytes }
}

function decode(base64: string): Uint8Array {
  const text = atob(base64)
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

/** Bytes that differ between two arrays of the same length (a loop: deep equality is slow here). */
function differing(a: Uint8Array, b: Uint8Array): number {
  let n = Math.abs(a.length - b.length)
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) n += 1
  return n
}

describe('chunked upload (browser mode)', () => {
  it('sends the file in order, a slice per message, and the host receives it byte for byte', async () => {
    const { host } = fakeHost()
    const { file, bytes } = patterned(Math.floor(2.5 * UPLOAD_CHUNK_BYTES))
    let received = 0
    host.uploadChunk.mockImplementation(async ({ data }) => {
      received += decode(data).length
      return { received }
    })
    const summary = await uploadInChunks(host, file)
    expect(summary).toEqual(SUMMARY)
    expect(host.uploadStart).toHaveBeenCalledWith({ name: 'big.csv', size: bytes.length })
    const calls = host.uploadChunk.mock.calls.map(([req]) => req)
    expect(calls.map((c) => c.offset)).toEqual([0, UPLOAD_CHUNK_BYTES, 2 * UPLOAD_CHUNK_BYTES])
    const joined = new Uint8Array(bytes.length)
    for (const c of calls) joined.set(decode(c.data), c.offset)
    expect(differing(joined, bytes)).toBe(0)
    expect(host.uploadFinish).toHaveBeenCalledWith({ uploadId: '0123456789abcdef' })
    expect(uploadProgress.current).toBeNull()
  })

  it('stops on cancel, has the host drop what it got, and says it was cancelled', async () => {
    const { host } = fakeHost()
    const { file } = patterned(6 * UPLOAD_CHUNK_BYTES)
    host.uploadChunk.mockImplementation(async ({ offset, data }) => {
      // The user cancels while the second chunk is on its way.
      if (offset === UPLOAD_CHUNK_BYTES) cancelUpload()
      return { received: offset + decode(data).length }
    })
    const error = await uploadInChunks(host, file).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'open-cancelled', file: 'big.csv' })
    expect(host.uploadChunk.mock.calls.length).toBeLessThan(6)
    expect(host.uploadFinish).not.toHaveBeenCalled()
    expect(host.cancelOpen).toHaveBeenCalled()
  })

  it('refuses a file over the limit before sending anything', async () => {
    const { host } = fakeHost()
    const huge = { name: 'huge.csv', size: 300_000_000 } as File
    await expect(uploadInChunks(host, huge)).rejects.toMatchObject({ code: 'too-large' })
    expect(host.uploadStart).not.toHaveBeenCalled()
  })

  it('encodes base64 like the platform', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) & 0xff)
    let binary = ''
    for (const b of bytes) binary += String.fromCharCode(b)
    expect(toBase64(bytes)).toBe(btoa(binary))
  })
})

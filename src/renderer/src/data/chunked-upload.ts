/**
 * Browser mode's upload, a slice at a time (src/shared/upload.ts): each chunk
 * is read with File.slice + arrayBuffer (off the page's thread) and sent as
 * base64 in its own bridge message, a few in flight, so the page never holds
 * the whole file as a string and never stops responding. The engine parses
 * the file once the host has it all.
 */
import { reactive } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { DatasetSummary, UserError } from '@shared/domain'
import type { ReadProgress } from '@shared/ipc-contract'
import { MAX_CHUNKED_UPLOAD_BYTES, UPLOAD_CHUNK_BYTES } from '@shared/upload'

/** Chunks sent before the first answer comes back: keeps the socket busy without flooding it. */
const IN_FLIGHT = 4

/** How far the upload in progress has got (bytes the host has stored). */
export const uploadProgress = reactive<{ current: ReadProgress | null }>({ current: null })

let current: AbortController | null = null

/** Stop the upload in progress, if any (the host drops what it received). */
export function cancelUpload(): boolean {
  if (!current) return false
  current.abort()
  return true
}

type WithBase64 = Uint8Array & { toBase64?: () => string }

/** Base64 of bytes: the browser's own encoder where it has one, else btoa in slices. */
export function toBase64(bytes: Uint8Array): string {
  const native = (bytes as WithBase64).toBase64
  if (typeof native === 'function') return native.call(bytes)
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

function tooLarge(file: File): UserError {
  const megabytes = Math.round(file.size / 1e6)
  const limit = MAX_CHUNKED_UPLOAD_BYTES / 1e6
  return {
    code: 'too-large',
    message: `${file.name} is ${megabytes} MB; browser mode accepts up to ${limit} MB. Open it in the desktop app instead.`,
    file: file.name,
    params: { megabytes, limit }
  }
}

function cancelled(file: File): UserError {
  return {
    code: 'open-cancelled',
    message: `Opening ${file.name} was cancelled; the dataset open before stays open.`,
    file: file.name
  }
}

/** Upload a file in chunks and open it; progress in `uploadProgress`, stop with `cancelUpload`. */
export async function uploadInChunks(host: HindsightApi, file: File): Promise<DatasetSummary> {
  if (file.size > MAX_CHUNKED_UPLOAD_BYTES) throw tooLarge(file)
  const controller = new AbortController()
  current?.abort()
  current = controller
  const { signal } = controller
  uploadProgress.current = { name: file.name, done: 0, total: file.size }
  try {
    const { uploadId } = await host.uploadStart({ name: file.name, size: file.size })
    const pending: Promise<void>[] = []
    const failure: { error?: unknown; failed: boolean } = { failed: false }
    for (let offset = 0; offset < file.size; offset += UPLOAD_CHUNK_BYTES) {
      if (signal.aborted) throw cancelled(file)
      if (failure.failed) throw failure.error
      const bytes = new Uint8Array(
        await file.slice(offset, offset + UPLOAD_CHUNK_BYTES).arrayBuffer()
      )
      const sent = host.uploadChunk({ uploadId, offset, data: toBase64(bytes) })
      pending.push(
        sent.then(
          ({ received }) => {
            if (!signal.aborted) {
              uploadProgress.current = { name: file.name, done: received, total: file.size }
            }
          },
          (error: unknown) => {
            if (!failure.failed) Object.assign(failure, { failed: true, error })
          }
        )
      )
      if (pending.length >= IN_FLIGHT) await pending.shift()
    }
    await Promise.all(pending)
    if (signal.aborted) throw cancelled(file)
    if (failure.failed) throw failure.error
    uploadProgress.current = null
    return await host.uploadFinish({ uploadId })
  } catch (error) {
    // The host may hold part of the file: have it dropped. A cancel reads as a cancel.
    if (signal.aborted) {
      await host.cancelOpen().catch(() => undefined)
      throw cancelled(file)
    }
    throw error
  } finally {
    uploadProgress.current = null
    if (current === controller) current = null
  }
}

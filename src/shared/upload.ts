/**
 * Browser mode's chunked upload: the page reads the file a slice at a time
 * (File.slice) and sends each as base64 in its own bridge message, so no
 * message, and no string in the page, holds the whole file. The host appends
 * the chunks to a temp file in the workspace and opens it when the last has
 * arrived.
 */
import { z } from 'zod'

/** Bytes of the file per chunk (its base64 is 4/3 of this). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024

/**
 * Largest file a chunked upload accepts (bytes). No single message carries
 * it, so it is bounded by the workspace's disk, not by the bridge's message
 * limit; the engine's own file limit is larger.
 */
export const MAX_CHUNKED_UPLOAD_BYTES = 256_000_000

/** Uploads one host keeps open at once; starting another drops the oldest. */
export const MAX_OPEN_UPLOADS = 4

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
/** Longest base64 text of one chunk. */
export const MAX_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4

export const UploadStartSchema = z.object({
  name: z.string().min(1).max(255),
  size: z.number().int().min(0).max(MAX_CHUNKED_UPLOAD_BYTES)
})

export const UploadChunkSchema = z.object({
  uploadId: z.string().regex(/^[0-9a-f]{16}$/),
  /** Where the chunk starts in the file: chunks arrive in order, each after the last. */
  offset: z.number().int().min(0).max(MAX_CHUNKED_UPLOAD_BYTES),
  data: z.string().max(MAX_CHUNK_BASE64).regex(BASE64)
})

export const UploadFinishSchema = z.object({ uploadId: z.string().regex(/^[0-9a-f]{16}$/) })

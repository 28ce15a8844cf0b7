import { createHash, randomBytes, type Hash } from 'node:crypto'
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { MAX_OPEN_UPLOADS } from '../../shared/upload'
import { syncDirectory } from '../runs/atomic-write'
import { UserFacingError } from '../errors'

interface Upload {
  name: string
  size: number
  /** Bytes accepted so far (queued for writing): the next chunk's offset. */
  accepted: number
  tmp: string
  handle: FileHandle
  hash: Hash
  /** Writes in the order the chunks came. */
  writes: Promise<void>
}

/** A stored upload's file name: its content's digest (the same file twice is one file) and name. */
function storedName(name: string, digest: string): string {
  const safe = name.replace(/[^\w.-]+/g, '_').slice(0, 120) || 'upload.csv'
  return `${digest.slice(0, 12)}-${safe}`
}

/**
 * Browser mode's chunked uploads (src/shared/upload.ts): each is appended to
 * a temp file in the datasets folder, chunk by chunk in order, and renamed
 * to its final name only once complete and flushed, so a file in the folder
 * is always whole. A crash leaves only a temp file, removed at the next start.
 */
export class UploadStore {
  /** Oldest first. */
  private readonly uploads = new Map<string, Upload>()

  constructor(private readonly dir: string) {}

  async start(name: string, size: number): Promise<{ uploadId: string }> {
    while (this.uploads.size >= MAX_OPEN_UPLOADS) {
      await this.drop(this.uploads.keys().next().value!)
    }
    const uploadId = randomBytes(8).toString('hex')
    await mkdir(this.dir, { recursive: true })
    const tmp = join(this.dir, `.upload-${uploadId}.${randomBytes(6).toString('hex')}.tmp`)
    const handle = await open(tmp, 'w')
    this.uploads.set(uploadId, {
      name,
      size,
      accepted: 0,
      tmp,
      handle,
      hash: createHash('sha256'),
      writes: Promise.resolve()
    })
    return { uploadId }
  }

  /** Append a chunk; it must start where the previous one ended. */
  async chunk(uploadId: string, offset: number, base64: string): Promise<{ received: number }> {
    const upload = this.get(uploadId)
    if (offset !== upload.accepted) {
      throw new UserFacingError(
        'upload-order',
        `${upload.name}: a part of the upload arrived out of order (at byte ${offset}, expected ${upload.accepted}).`,
        { file: upload.name, params: { offset, expected: upload.accepted } }
      )
    }
    const bytes = Buffer.from(base64, 'base64')
    if (upload.accepted + bytes.length > upload.size) {
      await this.drop(uploadId)
      throw new UserFacingError(
        'upload-size',
        `${upload.name}: more data arrived than the ${upload.size} bytes announced.`,
        { file: upload.name, params: { size: upload.size } }
      )
    }
    // Counted and hashed now, in arrival order; written in the same order.
    upload.accepted += bytes.length
    upload.hash.update(bytes)
    const received = upload.accepted
    upload.writes = upload.writes.then(async () => {
      await upload.handle.write(bytes)
    })
    await upload.writes
    return { received }
  }

  /** The complete file, flushed and under its final name; the upload is closed. */
  async finish(uploadId: string): Promise<{ path: string; name: string }> {
    const upload = this.get(uploadId)
    await upload.writes
    if (upload.accepted !== upload.size) {
      await this.drop(uploadId)
      throw new UserFacingError(
        'upload-size',
        `${upload.name}: the upload ended after ${upload.accepted} of ${upload.size} bytes.`,
        { file: upload.name, params: { size: upload.size } }
      )
    }
    this.uploads.delete(uploadId)
    const path = join(this.dir, storedName(upload.name, upload.hash.digest('hex')))
    try {
      await upload.handle.sync()
      await upload.handle.close()
      await rename(upload.tmp, path)
      await syncDirectory(this.dir)
    } catch (error) {
      await rm(upload.tmp, { force: true }).catch(() => undefined)
      throw error
    }
    return { path, name: upload.name }
  }

  /** Drop every upload in progress (cancel); says whether there was one. */
  async cancelAll(): Promise<boolean> {
    const ids = [...this.uploads.keys()]
    await Promise.all(ids.map((id) => this.drop(id)))
    return ids.length > 0
  }

  private get(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId)
    if (!upload) {
      throw new UserFacingError(
        'upload-unknown',
        'That upload was cancelled or has expired; choose the file again.'
      )
    }
    return upload
  }

  private async drop(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId)
    if (!upload) return
    this.uploads.delete(uploadId)
    await upload.writes.catch(() => undefined)
    await upload.handle.close().catch(() => undefined)
    await rm(upload.tmp, { force: true }).catch(() => undefined)
  }
}

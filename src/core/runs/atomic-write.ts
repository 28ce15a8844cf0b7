import { randomBytes } from 'node:crypto'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join, basename } from 'node:path'
import { storageError } from './storage-error'

/** Temp files are `.<name>.<12 hex>.tmp` beside their target; temp-files.ts removes leftovers. */
export const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/

/**
 * Write a file so that readers see either the old content or the new, never a
 * torn one: write a temp file beside it, flush it to disk, rename it over the
 * target, then flush the directory so the rename itself survives a power cut.
 * Failures (full disk, read-only folder) leave the old file as it was and
 * throw an error that says so.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dir, { recursive: true })
    const handle = await open(tmp, 'w')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(tmp, path)
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined)
    throw storageError(path, error)
  }
  await syncDirectory(dir)
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`)
}

/**
 * fsync a directory, making a rename in it durable. Windows cannot open a
 * directory for this (EPERM/EISDIR) and persists renames itself: skip there.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, 'r')
  } catch {
    return
  }
  try {
    await handle.sync()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error
  } finally {
    await handle.close()
  }
}

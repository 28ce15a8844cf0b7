import { randomBytes } from 'node:crypto'
import { unlinkSync } from 'node:fs'
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { FORMATS } from './schema'
import { storageError } from './storage-error'

export interface LockOwner {
  format: string
  pid: number
  host: string
  /** Who holds it, in words: 'the desktop app', 'browser mode', 'training'. */
  holder: string
  since: string
}

export interface OwnerLock {
  readonly path: string
  release(): Promise<void>
}

/**
 * A lock file naming the process that holds it. It is created with its
 * content in one step (a hard link of a complete temp file), so no reader
 * ever sees a half-written lock; a lock whose process is gone (a crash) is
 * taken over. `conflict` makes the error for a lock held by a live process.
 */
export async function acquireOwnerLock(
  path: string,
  holder: string,
  conflict: (owner: LockOwner) => Error
): Promise<OwnerLock> {
  const owner: LockOwner = {
    format: FORMATS.workspace,
    pid: process.pid,
    host: hostname(),
    holder,
    since: new Date().toISOString()
  }
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(tmp, `${JSON.stringify(owner)}\n`)
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, path)
        break
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST' || attempt > 0) throw error
        const current = await liveOwner(path)
        if (current) throw conflict(current)
        await rm(path, { force: true })
      }
    }
  } catch (error) {
    throw storageError(path, error)
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined)
  }
  const releaseOnExit = (): void => {
    try {
      unlinkSync(path)
    } catch {
      // Already gone.
    }
  }
  process.once('exit', releaseOnExit)
  return {
    path,
    async release() {
      process.off('exit', releaseOnExit)
      const current = await readOwner(path)
      if (current?.pid === process.pid && current.since === owner.since) {
        await rm(path, { force: true })
      }
    }
  }
}

/** The process holding the lock at `path`, when there is one and it still runs. */
export async function liveOwner(path: string): Promise<LockOwner | null> {
  const owner = await readOwner(path)
  return owner && isAlive(owner) ? owner : null
}

async function readOwner(path: string): Promise<LockOwner | null> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? (value as LockOwner)
      : null
  } catch {
    return null
  }
}

/** Whether the lock's process still runs. On another host we cannot tell: assume it does. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true
  if (owner.pid === process.pid) return false
  try {
    process.kill(owner.pid, 0)
    return true
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'
  }
}

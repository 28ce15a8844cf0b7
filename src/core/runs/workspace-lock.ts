import { randomBytes } from 'node:crypto'
import { unlinkSync } from 'node:fs'
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { UserFacingError } from '../errors'
import { FORMATS } from './schema'
import { storageError } from './storage-error'

export const LOCK_FILE = 'workspace.lock'

interface LockOwner {
  format: string
  pid: number
  host: string
  /** Who holds it, in words: 'the desktop app', 'browser mode'. */
  holder: string
  since: string
}

export interface WorkspaceLock {
  readonly path: string
  release(): Promise<void>
}

/**
 * One writer per workspace: the app (desktop or browser mode) holds
 * workspace.lock while it runs, so a second instance cannot mark the first
 * one's training as interrupted, resume the same run or clean its temp files.
 * The lock names its process; a lock whose process is gone (a crash) is taken
 * over. It is created with its content in one step (link of a complete temp
 * file), so no reader ever sees a half-written lock.
 */
export async function lockWorkspace(workspaceDir: string, holder: string): Promise<WorkspaceLock> {
  const path = join(workspaceDir, LOCK_FILE)
  const owner: LockOwner = {
    format: FORMATS.workspace,
    pid: process.pid,
    host: hostname(),
    holder,
    since: new Date().toISOString()
  }
  const tmp = join(workspaceDir, `.${LOCK_FILE}.${randomBytes(6).toString('hex')}.tmp`)
  try {
    await mkdir(workspaceDir, { recursive: true })
    await writeFile(tmp, `${JSON.stringify(owner)}\n`)
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, path)
        break
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'EEXIST' || attempt > 0) throw error
        const current = await readOwner(path)
        if (current && isAlive(current)) {
          throw new UserFacingError(
            'workspace-locked',
            `The workspace ${workspaceDir} is in use by another Hindsight (${current.holder}, process ${current.pid} since ${current.since}). Close it first, or set HINDSIGHT_WORKSPACE to another folder.`,
            { file: path }
          )
        }
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
      if (current?.pid === process.pid) await rm(path, { force: true })
    }
  }
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

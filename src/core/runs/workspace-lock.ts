import { join } from 'node:path'
import { UserFacingError } from '../errors'
import { acquireOwnerLock, type OwnerLock } from './owner-lock'

export const LOCK_FILE = 'workspace.lock'

export type WorkspaceLock = OwnerLock

/**
 * One writer per workspace: the app (desktop or browser mode) holds
 * workspace.lock while it runs, so a second instance cannot mark the first
 * one's training as interrupted, resume the same run or clean its temp files.
 */
export function lockWorkspace(workspaceDir: string, holder: string): Promise<WorkspaceLock> {
  const path = join(workspaceDir, LOCK_FILE)
  return acquireOwnerLock(
    path,
    holder,
    (owner) =>
      new UserFacingError(
        'workspace-locked',
        `The workspace ${workspaceDir} is in use by another Hindsight (${owner.holder}, process ${owner.pid} since ${owner.since}). Close it first, or set HINDSIGHT_WORKSPACE to another folder.`,
        { file: path }
      )
  )
}

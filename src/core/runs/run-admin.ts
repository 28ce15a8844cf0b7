/**
 * Renaming, annotating and deleting runs. A run is addressed by its folder
 * name inside the workspace's runs folder, never by a path from its JSON, and
 * nothing here reads or writes outside that folder.
 */
import { randomBytes } from 'node:crypto'
import { lstat, readdir, readFile, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { RunSummary } from '../../shared/domain'
import type { RunUpdate } from '../../shared/run-admin'
import { RunIdSchema } from '../../shared/run-admin'
import { UserFacingError } from '../errors'
import { writeJsonAtomic } from './atomic-write'
import { readRunFile, RUN_JSON, runsDir, toRunSummary } from './run-store'

/** The folder of run `runId` in the workspace; refuses anything that is not a plain folder name. */
export function runFolder(workspaceDir: string, runId: string): string {
  if (!RunIdSchema.safeParse(runId).success) {
    throw new UserFacingError('bad-run-id', `Not a run id: ${runId.slice(0, 40)}`)
  }
  return join(resolve(runsDir(workspaceDir)), runId)
}

const BUSY =
  'This run is still training; rename it, change its notes or delete it once it has finished or been cancelled.'

/**
 * Sets or clears the run's name and notes in run.json. Every other field,
 * including ones this version does not know, is written back as it was.
 */
export async function updateRun(
  workspaceDir: string,
  patch: Omit<RunUpdate, 'runId'> & { runId: string }
): Promise<RunSummary> {
  const dir = runFolder(workspaceDir, patch.runId)
  const run = await readRunFile(dir).catch(() => {
    throw new UserFacingError('unknown-run', `Run ${patch.runId} was not found or cannot be read.`)
  })
  // While training, the engine rewrites run.json from its own copy: a change made now would be lost.
  if (run.status === 'running') throw new UserFacingError('run-busy', BUSY)
  const raw = JSON.parse(await readFile(join(dir, RUN_JSON), 'utf8')) as Record<string, unknown>
  const next = { ...raw }
  for (const key of ['name', 'notes'] as const) {
    const value = patch[key]
    if (value === undefined) continue
    if (value.trim() === '') delete next[key]
    else next[key] = value
  }
  await writeJsonAtomic(join(dir, RUN_JSON), next)
  return toRunSummary(await readRunFile(dir))
}

/**
 * Deletes a run folder. It is first renamed to a hidden name beside it, so a
 * deletion cut short leaves no half-run in the list, then removed. A run still
 * training is refused; a damaged one (unreadable run.json) may be deleted.
 */
export async function deleteRun(workspaceDir: string, runId: string): Promise<boolean> {
  const dir = runFolder(workspaceDir, runId)
  const info = await lstat(dir).catch(() => null)
  if (info === null) return false
  if (!info.isDirectory()) {
    throw new UserFacingError('not-a-run', `${runId} in the runs folder is not a run folder.`)
  }
  const run = await readRunFile(dir).catch(() => null)
  if (run?.status === 'running') throw new UserFacingError('run-busy', BUSY)
  const doomed = join(
    resolve(runsDir(workspaceDir)),
    `.deleting-${runId}-${randomBytes(3).toString('hex')}`
  )
  await rename(dir, doomed)
  // rm never follows symbolic links inside the folder: only the folder's own entries go.
  await rm(doomed, { recursive: true, force: true })
  return true
}

/** Hidden folders of an import or a deletion that a crash cut short. */
const LEFTOVER = /^\.(import|deleting)-[\w-]+$/

/**
 * Remove what imports and deletions cut short by a crash left in the runs
 * folder (never a run: runs are never hidden). Call at start, under the
 * workspace lock. Returns how many went.
 */
export async function removeRunLeftovers(workspaceDir: string): Promise<number> {
  const root = resolve(runsDir(workspaceDir))
  const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
  let removed = 0
  for (const entry of entries) {
    if (!entry.isDirectory() || !LEFTOVER.test(entry.name)) continue
    await rm(join(root, entry.name), { recursive: true, force: true })
    removed += 1
  }
  return removed
}

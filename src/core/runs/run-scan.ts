import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { DamagedRun } from '../../shared/domain'
import { inspectRun } from './run-health'
import { trainingElsewhere } from './run-lock'
import { readHistory, readRunFile, runsDir, writeRunFile, type RunFile } from './run-store'

export interface WorkspaceRuns {
  /** Readable runs, newest first, each with its damage and checkpoints as found. */
  runs: RunFile[]
  /** Folders whose run.json cannot be read, with the reason. */
  damaged: DamagedRun[]
}

/**
 * Every folder under runs/, read without loading a model: a damaged folder
 * never hides the others. A run is known by its folder: the id and location
 * come from where it is, never from what its run.json says.
 */
export async function scanRuns(workspaceDir: string): Promise<WorkspaceRuns> {
  const root = runsDir(workspaceDir)
  const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))
  const results = await Promise.all(
    folders.map(async ({ name }) => {
      const dir = join(root, name)
      try {
        const run = await readRunFile(dir)
        return { run: { ...run, id: name, ...(await inspectRun(dir, run)) } }
      } catch (error) {
        return { damaged: { id: name, dir, reason: reasonOf(error) } }
      }
    })
  )
  const runs: RunFile[] = []
  const damaged: DamagedRun[] = []
  for (const r of results) {
    if ('run' in r) runs.push(r.run)
    else damaged.push(r.damaged)
  }
  runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  damaged.sort((a, b) => b.id.localeCompare(a.id))
  return { runs, damaged }
}

/** Every readable run, newest first; unreadable folders are reported by scanRuns. */
export async function listRuns(workspaceDir: string): Promise<RunFile[]> {
  return (await scanRuns(workspaceDir)).runs
}

/**
 * After a crash or restart, runs still marked 'running' are not running:
 * mark them interrupted, keeping everything they wrote (history, checkpoints).
 * Call only while holding the workspace lock: another instance's run would
 * otherwise look abandoned.
 */
export async function markInterruptedRuns(workspaceDir: string): Promise<number> {
  let count = 0
  for (const run of await listRuns(workspaceDir)) {
    // Another process holding the run's lock is training it: not abandoned.
    if (run.status !== 'running' || (await trainingElsewhere(run.dir))) continue
    await markInterrupted(run.dir)
    count += 1
  }
  return count
}

/** Mark one run interrupted (its engine died or the app stopped mid-training). */
export async function markInterrupted(dir: string): Promise<RunFile> {
  const run = await readRunFile(dir)
  const history = await readHistory(dir)
  const updated: RunFile = {
    ...run,
    status: 'interrupted',
    epochsRun: history.length,
    message: `Interrupted after ${history.length} epoch(s): the app or engine stopped while training. History and checkpoints so far were kept.`
  }
  await writeRunFile(dir, updated)
  return { ...updated, ...(await inspectRun(dir, updated)) }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The handlers for what a user does with runs besides training and explaining
 * them: list (with the best validation epoch), rename/annotate, delete,
 * export, import; and the app state restored on reopening.
 */
import type { Handlers } from './types'
import type { RunListItem } from '../../shared/run-admin'
import { bestEpoch, RUN_ARCHIVE_MIME } from '../../shared/run-admin'
import { readAppState, writeAppState } from '../runs/app-state'
import { deleteRun, removeRunLeftovers, runFolder, updateRun } from '../runs/run-admin'
import { exportRunArchive, importRunArchive } from '../runs/run-archive'
import { readHistory, toRunSummary } from '../runs/run-store'
import { listRuns } from '../runs/run-scan'
import { UserFacingError } from '../errors'

type RunHandlers = Pick<
  Handlers,
  | 'runs:list'
  | 'runs:update'
  | 'runs:delete'
  | 'runs:export'
  | 'runs:import'
  | 'app:getState'
  | 'app:setState'
>

export async function listRunItems(workspaceDir: string): Promise<RunListItem[]> {
  const runs = await listRuns(workspaceDir)
  return Promise.all(
    runs.map(async (run) => ({
      ...toRunSummary(run),
      best: bestEpoch(await readHistory(run.dir).catch(() => []))
    }))
  )
}

/** `ready`: resolves once runs left 'running' by a crash have been marked (see createServices). */
export function runHandlers(workspaceDir: string, ready: Promise<unknown>): RunHandlers {
  // After the start-up recovery: half-done imports and deletions go too.
  const cleaned = ready.then(() => removeRunLeftovers(workspaceDir)).catch(() => 0)
  return {
    'runs:list': async () => {
      await cleaned
      return listRunItems(workspaceDir)
    },
    'runs:update': (patch) => updateRun(workspaceDir, patch),
    'runs:delete': async ({ runId }) => ({ deleted: await deleteRun(workspaceDir, runId) }),
    'runs:export': async ({ runId }) => {
      const { fileName, bytes } = await exportRunArchive(runFolder(workspaceDir, runId))
      return { fileName, mime: RUN_ARCHIVE_MIME, base64: Buffer.from(bytes).toString('base64') }
    },
    'runs:import': async ({ name, base64 }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) {
        throw new UserFacingError('bad-archive', `${name.slice(0, 40)} did not arrive intact.`)
      }
      return importRunArchive(workspaceDir, name, new Uint8Array(Buffer.from(base64, 'base64')))
    },
    'app:getState': () => readAppState(workspaceDir),
    'app:setState': (state) => writeAppState(workspaceDir, state)
  }
}

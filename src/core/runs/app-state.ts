/**
 * The small state restored when the app reopens (last view, run and
 * comparison), kept in the workspace as one JSON file written atomically.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { AppStateSchema, type AppState } from '../../shared/run-admin'
import { writeJsonAtomic } from './atomic-write'

export const APP_STATE_JSON = 'app-state.json'

/** The saved state; a missing, unreadable or foreign file reads as the empty state. */
export async function readAppState(workspaceDir: string): Promise<AppState> {
  try {
    const raw = JSON.parse(await readFile(join(workspaceDir, APP_STATE_JSON), 'utf8')) as unknown
    const parsed = AppStateSchema.safeParse(raw)
    if (parsed.success) return parsed.data
  } catch {
    // First start, or a damaged file: start from nothing rather than fail.
  }
  return AppStateSchema.parse({})
}

export async function writeAppState(workspaceDir: string, state: AppState): Promise<AppState> {
  const value = AppStateSchema.parse(state)
  await writeJsonAtomic(join(workspaceDir, APP_STATE_JSON), value)
  return value
}

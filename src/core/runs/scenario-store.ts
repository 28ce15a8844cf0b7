import { randomBytes } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ScenarioIdSchema, ScenarioSchema, type Scenario } from '../../shared/scenario'
import { UserFacingError } from '../errors'
import { writeJsonAtomic } from './atomic-write'

export const SCENARIOS_DIR = 'scenarios'

/** A new id: time first (so names sort by age), then randomness against collisions. */
export function newScenarioId(now = Date.now()): string {
  return `${now.toString(36)}${randomBytes(4).toString('hex')}`
}

/** Where a run keeps a scenario; an id that is not one of ours names nothing. */
export function scenarioPath(runDir: string, id: string): string {
  if (!ScenarioIdSchema.safeParse(id).success) {
    throw new UserFacingError('unknown-scenario', `There is no scenario ${id} in this run.`, {
      params: { id }
    })
  }
  return join(runDir, SCENARIOS_DIR, `${id}.json`)
}

/** Written atomically: readers see the old file or the new one, never half of one. */
export async function saveScenario(runDir: string, scenario: Scenario): Promise<string> {
  const path = scenarioPath(runDir, scenario.id)
  await writeJsonAtomic(path, ScenarioSchema.parse(scenario))
  return path
}

/** A run's scenarios, newest first; unreadable files are left on disk and not listed. */
export async function listScenarios(runDir: string): Promise<Scenario[]> {
  const dir = join(runDir, SCENARIOS_DIR)
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))
  const out: Scenario[] = []
  for (const name of names) {
    try {
      out.push(ScenarioSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))))
    } catch {
      // Written by another version or damaged: leave it, don't list it.
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id))
}

export async function readScenario(runDir: string, id: string): Promise<Scenario> {
  const path = scenarioPath(runDir, id)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    throw new UserFacingError('unknown-scenario', `There is no scenario ${id} in this run.`, {
      params: { id }
    })
  }
  return ScenarioSchema.parse(JSON.parse(text))
}

export async function deleteScenario(runDir: string, id: string): Promise<void> {
  const path = scenarioPath(runDir, id)
  try {
    await rm(path)
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') {
      throw new UserFacingError('unknown-scenario', `There is no scenario ${id} in this run.`, {
        params: { id }
      })
    }
    throw error
  }
}

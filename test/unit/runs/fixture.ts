import { cp, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { repoRoot } from '../../helpers/paths'

export const V1_WORKSPACE = join(repoRoot, 'test/fixtures/runs/v1')
export const V1_RUN_ID = '2026-11-29T16-50-28-919-c27ff0'

/**
 * A copy of the v1 workspace in `dir`. Its run names the CSV where the machine
 * that wrote it kept it; point it at this checkout's copy of the same file, as
 * a user who moved their data would.
 */
export async function copyV1Workspace(dir: string): Promise<string> {
  await cp(V1_WORKSPACE, dir, { recursive: true })
  const runJson = join(dir, 'runs', V1_RUN_ID, 'run.json')
  const raw = JSON.parse(await readFile(runJson, 'utf8')) as { dataset: { path: string } }
  raw.dataset.path = join(repoRoot, 'resources/samples/co2_mauna_loa_monthly.csv')
  await writeFile(runJson, JSON.stringify(raw, null, 2))
  return join(dir, 'runs', V1_RUN_ID)
}

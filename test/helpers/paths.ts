import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const repoRoot = resolve(__dirname, '../..')

/** The real datasets shared beside the repository (see ../shared/datasets/README.md). */
export function datasetPath(file: string): string {
  return resolve(repoRoot, '../shared/datasets', file)
}

/** A fresh temp folder; call the returned cleanup in afterEach/afterAll. */
export async function tempDir(
  prefix = 'hindsight-test-'
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

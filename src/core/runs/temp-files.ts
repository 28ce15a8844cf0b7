import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { TEMP_FILE } from './atomic-write'
import { trainingElsewhere } from './run-lock'

/** Deep enough for runs/<id>/checkpoints/<kind>/; the workspace is the app's own folder. */
const MAX_DEPTH = 4

/**
 * Remove temp files a crash left behind (a write that never reached its
 * rename). Call at start, holding the workspace lock; run folders another
 * process is training (CLI --out) are skipped. A temp file is never the only
 * copy of anything. Returns how many went.
 */
export async function removeLeftoverTempFiles(dir: string, depth = 0): Promise<number> {
  // A run another process is training has temp files in flight: not leftovers.
  if (await trainingElsewhere(dir)) return 0
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  let removed = 0
  for (const entry of entries) {
    const path = join(dir, entry.name)
    if (entry.isFile() && TEMP_FILE.test(entry.name)) {
      await rm(path, { force: true }).catch(() => undefined)
      removed += 1
    } else if (entry.isDirectory() && depth < MAX_DEPTH) {
      removed += await removeLeftoverTempFiles(path, depth + 1)
    }
  }
  return removed
}

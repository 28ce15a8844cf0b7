import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CheckpointInfo, RunStatus } from '../../shared/domain'
import { checkpointInfo } from './checkpoint'
import { MODEL_DIR } from './layout'
import { expectedWeightBytes, readModelManifest } from './model-io'
import { unreadableFormat } from './schema'

/**
 * What the list needs to know about a run folder beyond run.json, from cheap
 * reads only (model.json and file sizes, never the weights): why a run that
 * has a model (it was evaluated) cannot use it, and which checkpoints an
 * unfinished run has.
 */
export async function inspectRun(
  dir: string,
  run: { status: RunStatus; evaluation: unknown }
): Promise<{ damage?: string; checkpoint?: CheckpointInfo }> {
  const [damage, checkpoint] = await Promise.all([
    run.evaluation !== null ? modelDamage(join(dir, MODEL_DIR)) : null,
    run.status !== 'done' ? checkpointInfo(dir) : undefined
  ])
  return { ...(damage ? { damage } : {}), ...(checkpoint ? { checkpoint } : {}) }
}

/** Why the model folder cannot be loaded, or null when it looks whole. */
export async function modelDamage(modelDir: string): Promise<string | null> {
  try {
    const manifest = await readModelManifest(modelDir)
    const unreadable = unreadableFormat('model', manifest.metadata['format'], 'model/model.json')
    if (unreadable) return unreadable
    let bytes = 0
    for (const file of manifest.files) {
      const info = await stat(file).catch(() => null)
      if (!info) return `The model's weights file ${file} is missing.`
      bytes += info.size
    }
    const expected = expectedWeightBytes(manifest.specs)
    if (expected !== null && expected !== bytes) {
      return `The model's weights are ${bytes} bytes where ${expected} are expected (truncated or replaced).`
    }
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}

import { join } from 'node:path'
import type * as tf from '@tensorflow/tfjs'
import type { CheckpointInfo } from '../../shared/domain'
import { UserFacingError } from '../errors'
import { loadModel, readModelManifest, saveModel } from './model-io'
import { FORMATS, unreadableFormat } from './schema'

export const CHECKPOINTS_DIR = 'checkpoints'
export type CheckpointKind = 'best' | 'last'

export interface CheckpointMeta {
  epoch: number
  /** The monitored loss of that epoch (validation loss, or training loss without validation). */
  loss: number
}

export function checkpointDir(runDir: string, kind: CheckpointKind): string {
  return join(runDir, CHECKPOINTS_DIR, kind)
}

/**
 * Save the model's weights as a checkpoint of the run. The weights file is
 * named by epoch and model.json (renamed into place last) names it, so a
 * crash mid-save leaves the previous checkpoint whole.
 */
export async function saveCheckpoint(
  model: tf.LayersModel,
  runDir: string,
  kind: CheckpointKind,
  meta: CheckpointMeta
): Promise<void> {
  await saveModel(model, checkpointDir(runDir, kind), {
    weightsFile: `weights-${meta.epoch}.bin`,
    format: FORMATS.checkpoint,
    metadata: { epoch: meta.epoch, loss: meta.loss }
  })
}

/** A checkpoint's epoch and loss, or null when there is none (or it cannot be read). */
export async function readCheckpointMeta(
  runDir: string,
  kind: CheckpointKind
): Promise<CheckpointMeta | null> {
  try {
    const { metadata } = await readModelManifest(checkpointDir(runDir, kind))
    if (unreadableFormat('checkpoint', metadata['format'], 'checkpoint') !== null) return null
    const { epoch, loss } = metadata
    return typeof epoch === 'number' && typeof loss === 'number' ? { epoch, loss } : null
  } catch {
    return null
  }
}

/** Both checkpoints of a run as the runs list shows them, or undefined when there are none. */
export async function checkpointInfo(runDir: string): Promise<CheckpointInfo | undefined> {
  const [best, last] = await Promise.all([
    readCheckpointMeta(runDir, 'best'),
    readCheckpointMeta(runDir, 'last')
  ])
  if (!best || !last) return undefined
  return { bestEpoch: best.epoch, bestLoss: best.loss, lastEpoch: last.epoch }
}

/** Load a checkpoint's model, or say clearly that there is none. */
export async function loadCheckpoint(
  runDir: string,
  kind: CheckpointKind
): Promise<{ model: tf.LayersModel; meta: CheckpointMeta }> {
  const meta = await readCheckpointMeta(runDir, kind)
  if (!meta) {
    throw new UserFacingError(
      'no-checkpoint',
      `This run has no ${kind} checkpoint: it stopped before its first epoch ended, or was trained by a version without checkpoints.`
    )
  }
  return { model: await loadModel(checkpointDir(runDir, kind)), meta }
}

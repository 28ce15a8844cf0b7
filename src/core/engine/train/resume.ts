import type * as tf from '@tensorflow/tfjs'
import type { EpochRecord } from '../../../shared/domain'
import { UserFacingError } from '../../errors'
import { loadCheckpoint, type CheckpointMeta } from '../../runs/checkpoint'
import { readHistory, readRunFile, writeHistory, type RunFile } from '../../runs/run-store'

/** How an unfinished run goes on: train on from its last checkpoint, or keep its best weights. */
export type ResumeMode = 'last' | 'best'

/** An unfinished run, read back from its folder with the weights it continues from. */
export interface ResumePoint {
  mode: ResumeMode
  run: RunFile
  /** Epochs kept: up to the last checkpoint when resuming, all of them when keeping the best. */
  history: EpochRecord[]
  /** Weights the model starts from (the caller sets them and disposes them). */
  weights: tf.Tensor[]
  best: CheckpointMeta
  /** The best checkpoint's weights, for early stopping's restore-best (owned by fitModel). */
  bestWeights: tf.Tensor[]
}

/**
 * Read what an interrupted, failed or cancelled run saved, for `mode`. Only
 * runs that are not running and not finished qualify; a finished run has its
 * model already.
 */
export async function readResumePoint(runDir: string, mode: ResumeMode): Promise<ResumePoint> {
  const run = await readRunFile(runDir)
  if (run.status === 'running' || run.status === 'done') {
    throw new UserFacingError(
      'not-resumable',
      run.status === 'running'
        ? `Run ${run.id} is still training.`
        : `Run ${run.id} finished; there is nothing to resume.`
    )
  }
  const best = await loadCheckpoint(runDir, 'best')
  const bestWeights = best.model.getWeights().map((w) => w.clone())
  if (mode === 'best') {
    const weights = best.model.getWeights().map((w) => w.clone())
    best.model.dispose()
    return { mode, run, history: await readHistory(runDir), weights, best: best.meta, bestWeights }
  }
  best.model.dispose()
  const last = await loadCheckpoint(runDir, 'last').catch((error: unknown) => {
    bestWeights.forEach((w) => w.dispose())
    throw error
  })
  const weights = last.model.getWeights().map((w) => w.clone())
  last.model.dispose()
  // Epochs after the checkpoint (a crash between the history line and the save) are redone.
  const history = (await readHistory(runDir)).filter((h) => h.epoch <= last.meta.epoch)
  await writeHistory(runDir, history)
  return { mode, run, history, weights, best: best.meta, bestWeights }
}

/** The run's message once it ends after resuming. */
export function resumedMessage(point: ResumePoint, epochsRun: number): string {
  return point.mode === 'best'
    ? `Training stopped after ${point.history.length} epoch(s); the best weights (epoch ${point.best.epoch}) are used as they are.`
    : `Resumed from the checkpoint of epoch ${point.history.length}; trained to epoch ${epochsRun}.`
}

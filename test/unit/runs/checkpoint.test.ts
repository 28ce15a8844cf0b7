import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runTraining } from '../../../src/core/engine/run-training'
import { readResumePoint } from '../../../src/core/engine/train/resume'
import { checkpointInfo, loadCheckpoint } from '../../../src/core/runs/checkpoint'
import { loadModel } from '../../../src/core/runs/model-io'
import { readHistory, readRunDetail, readRunFile } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { BackendReport } from '../../../src/shared/domain'
import type { TrainJob } from '../../../src/shared/engine-protocol'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

let backend: BackendReport
let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => (backend = await testBackend()))
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

function job(id: string, epochs: number): TrainJob {
  return {
    runId: id,
    runDir: join(dir, id),
    dataset: { name: 'sunspots_yearly.csv', path: datasetPath('sunspots_yearly.csv') },
    data: DataConfigSchema.parse({ target: 'sunactivity', window: 10 }),
    model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs, batchSize: 16, dropout: 0 })
  }
}

/** Train, cancelling once `stopAfter` epochs are done: an unfinished run with checkpoints. */
async function unfinished(id: string, epochs: number, stopAfter: number): Promise<string> {
  const signal = { aborted: stopAfter === 0 }
  await runTraining(job(id, epochs), {
    backend,
    signal,
    onEpoch: (e) => {
      if (e.epoch === stopAfter) signal.aborted = true
    }
  })
  return join(dir, id)
}

function predictions(model: tf.LayersModel): number[] {
  const x = tf.linspace(-1, 1, 30).reshape([3, 10, 1])
  const out = Array.from((model.predict(x) as tf.Tensor).dataSync())
  x.dispose()
  return out
}

describe('checkpoints', () => {
  it('keep the best epoch (lowest validation loss) and the last one, loadable', async () => {
    await runTraining(job('r1', 5), { backend })
    const runDir = join(dir, 'r1')
    const history = await readHistory(runDir)
    const bestRecord = history.reduce((a, b) => (b.valLoss! < a.valLoss! ? b : a))
    expect(await checkpointInfo(runDir)).toEqual({
      bestEpoch: bestRecord.epoch,
      bestLoss: bestRecord.valLoss,
      lastEpoch: 5
    })
    // The last checkpoint is the model the run ended with.
    const last = await loadCheckpoint(runDir, 'last')
    const final = await loadModel(join(runDir, 'model'))
    expect(predictions(last.model)).toEqual(predictions(final))
    last.model.dispose()
    final.dispose()
  }, 60_000)
})

describe('an unfinished run', () => {
  it('resumes from its last checkpoint, in its own folder, to its configured epochs', async () => {
    const runDir = await unfinished('r2', 6, 3)
    const before = await readRunFile(runDir)
    expect(before.status).toBe('cancelled')
    const point = await readResumePoint(runDir, 'last')
    expect(point.history.map((h) => h.epoch)).toEqual([1, 2, 3])
    const summary = await runTraining(job('r2', 6), { backend }, point)
    expect(summary).toMatchObject({
      id: 'r2',
      status: 'done',
      epochsRun: 6,
      createdAt: before.createdAt,
      message: 'Resumed from the checkpoint of epoch 3; trained to epoch 6.'
    })
    const detail = await readRunDetail(runDir)
    expect(detail.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6])
    // The first three epochs are the ones trained before the interruption.
    expect(detail.history.slice(0, 3)).toEqual(point.history)
    expect(detail.predictions!.predicted.every(Number.isFinite)).toBe(true)
    expect((await checkpointInfo(runDir))!.lastEpoch).toBe(6)
  }, 60_000)

  it('can keep its best weights as they are: evaluated, usable, history intact', async () => {
    const runDir = await unfinished('r3', 50, 4)
    const info = (await checkpointInfo(runDir))!
    expect(info.lastEpoch).toBe(4)
    const summary = await runTraining(
      job('r3', 50),
      { backend },
      await readResumePoint(runDir, 'best')
    )
    expect(summary.status).toBe('done')
    expect(summary.epochsRun).toBe(4)
    expect(summary.message).toBe(
      `Training stopped after 4 epoch(s); the best weights (epoch ${info.bestEpoch}) are used as they are.`
    )
    expect(summary.evaluation!.model.rmse).toBeGreaterThan(0)
    const best = await loadCheckpoint(runDir, 'best')
    const model = await loadModel(join(runDir, 'model'))
    expect(predictions(model)).toEqual(predictions(best.model))
    best.model.dispose()
    model.dispose()
    expect((await readHistory(runDir)).map((h) => h.epoch)).toEqual([1, 2, 3, 4])
  }, 60_000)

  it('refuses to resume a finished run or one without checkpoints, saying why', async () => {
    await runTraining(job('r4', 1), { backend })
    await expect(readResumePoint(join(dir, 'r4'), 'last')).rejects.toMatchObject({
      code: 'not-resumable',
      message: 'Run r4 finished; there is nothing to resume.'
    })
    const runDir = await unfinished('r5', 5, 0)
    await expect(readResumePoint(runDir, 'best')).rejects.toMatchObject({ code: 'no-checkpoint' })
  }, 60_000)
})

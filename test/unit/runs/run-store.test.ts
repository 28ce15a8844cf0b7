import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { writeFileAtomic } from '../../../src/core/runs/atomic-write'
import { loadModel, saveModel } from '../../../src/core/runs/model-io'
import { listRuns, markInterruptedRuns } from '../../../src/core/runs/run-scan'
import {
  appendHistory,
  readHistory,
  readRunFile,
  writeRunFile,
  type RunFile
} from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeAll(() => testBackend())
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

function run(id: string, status: RunFile['status']): RunFile {
  return {
    id,
    dir: join(dir, 'runs', id),
    createdAt: new Date(Date.UTC(2026, 0, Number(id.slice(-1)))).toISOString(),
    status,
    dataset: { name: 'x.csv', path: '/x.csv' },
    data: DataConfigSchema.parse({ target: 'v' }),
    model: ModelConfigSchema.parse({}),
    backend: null,
    split: null,
    epochsRun: 0,
    evaluation: null,
    trainSeconds: null,
    windowsPerSecond: null,
    scaler: null,
    columns: []
  }
}

describe('model save and load', () => {
  it('round-trips a trained LSTM to identical predictions, on this backend', async () => {
    const config = ModelConfigSchema.parse({ layers: 2, units: 5, dropout: 0.2 })
    const model = buildModel(config, { steps: 6, features: 2 })
    const x = tf.randomNormal([7, 6, 2], 0, 1, 'float32', 3)
    await model.trainOnBatch(x, tf.randomNormal([7, 1], 0, 1, 'float32', 4))
    const before = (model.predict(x) as tf.Tensor).dataSync()
    await saveModel(model, join(dir, 'model'))
    expect((await readdir(join(dir, 'model'))).sort()).toEqual(['model.json', 'weights.bin'])
    const loaded = await loadModel(join(dir, 'model'))
    const after = (loaded.predict(x) as tf.Tensor).dataSync()
    expect(Array.from(after)).toEqual(Array.from(before))
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(
      model.layers.map((l) => l.getClassName())
    )
  })
})

describe('atomic writes', () => {
  it('replaces content whole and leaves no temp files', async () => {
    const path = join(dir, 'a', 'f.json')
    await writeFileAtomic(path, 'one')
    await writeFileAtomic(path, 'two')
    expect(await readFile(path, 'utf8')).toBe('two')
    expect(await readdir(join(dir, 'a'))).toEqual(['f.json'])
  })

  it('keeps the old file when the write fails', async () => {
    const path = join(dir, 'f.txt')
    await writeFileAtomic(path, 'keep me')
    // A directory in the way of the rename makes the write fail after the temp file exists.
    await expect(writeFileAtomic(join(dir, 'f.txt', 'child'), 'x')).rejects.toThrow()
    expect(await readFile(path, 'utf8')).toBe('keep me')
    expect(await readdir(dir)).toEqual(['f.txt'])
  })
})

describe('run store', () => {
  it('reads history up to a line torn by a crash', async () => {
    const runDir = join(dir, 'r')
    await writeRunFile(runDir, run('r1', 'running'))
    await appendHistory(runDir, { epoch: 1, loss: 1, valLoss: 2, seconds: 0.1 })
    await appendHistory(runDir, { epoch: 2, loss: 0.5, valLoss: 1, seconds: 0.1 })
    await writeFile(
      join(runDir, 'history.jsonl'),
      (await readFile(join(runDir, 'history.jsonl'), 'utf8')) + '{"epoch":3,"lo'
    )
    expect((await readHistory(runDir)).map((h) => h.epoch)).toEqual([1, 2])
  })

  it('lists runs newest first, skipping unreadable folders, and marks stale ones interrupted', async () => {
    await writeRunFile(join(dir, 'runs', 'a1'), run('a1', 'done'))
    await writeRunFile(join(dir, 'runs', 'a2'), run('a2', 'running'))
    await appendHistory(join(dir, 'runs', 'a2'), { epoch: 1, loss: 1, valLoss: null, seconds: 1 })
    await writeFile(join(dir, 'runs', 'junk.txt'), 'not a run')
    await writeFileAtomic(join(dir, 'runs', 'broken', 'run.json'), '{ nope')
    expect((await listRuns(dir)).map((r) => r.id)).toEqual(['a2', 'a1'])
    expect(await markInterruptedRuns(dir)).toBe(1)
    const a2 = await readRunFile(join(dir, 'runs', 'a2'))
    expect(a2.status).toBe('interrupted')
    expect(a2.epochsRun).toBe(1)
    expect(a2.message).toMatch(/Interrupted after 1 epoch/)
  })
})

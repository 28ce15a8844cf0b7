import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { explainRun, loadRunForExplain } from '../../../src/core/engine/explain/explain-run'
import { runTraining } from '../../../src/core/engine/run-training'
import { listExplanations, saveExplanation } from '../../../src/core/runs/explanation-store'
import { hashFile } from '../../../src/core/runs/file-hash'
import { exportRunArchive, importRunArchive } from '../../../src/core/runs/run-archive'
import { readRunDetail, readRunFile } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ExplainJobSchema, type ExplanationRecord } from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let runDir: string
let dataCopy: string
let original: ExplanationRecord
let archive: Uint8Array

const JOB = ExplainJobSchema.parse({
  method: 'kernelshap',
  level: 'time',
  index: 3,
  baseline: 'mean'
})

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  const backend = await testBackend()
  // The dataset lives outside both workspaces and is deleted after export: the archive must carry it.
  await mkdir(join(dir, 'data'))
  dataCopy = join(dir, 'data', 'sunspots yearly.csv')
  await copyFile(datasetPath('sunspots_yearly.csv'), dataCopy)
  runDir = join(dir, 'ws-a', 'runs', 'r1')
  await runTraining(
    {
      runId: 'r1',
      runDir,
      dataset: { name: 'sunspots_yearly.csv', path: dataCopy },
      data: DataConfigSchema.parse({ target: 'sunactivity', window: 5, horizon: 1 }),
      model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs: 2, dropout: 0 })
    },
    { backend }
  )
  const loaded = await loadRunForExplain(runDir)
  original = await explainRun(loaded, JOB)
  loaded.model.dispose()
  await saveExplanation(runDir, original)
  archive = (await exportRunArchive(runDir)).bytes
  await rm(dataCopy)
}, 120_000)
afterAll(() => cleanup())

async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(root.length + 1))
  }
  return out.sort()
}

describe('run archives', () => {
  it('records the dataset content hash when training starts', async () => {
    const run = await readRunFile(runDir)
    const { createHash } = await import('node:crypto')
    const expected = createHash('sha256')
      .update(await readFile(datasetPath('sunspots_yearly.csv')))
      .digest('hex')
    expect(run.dataset.hash).toBe(`sha256:${expected}`)
  })

  it('holds the run, its model, explanations and dataset; the model loads with tf.loadLayersModel', async () => {
    const entries = unzipSync(archive)
    expect(Object.keys(entries).sort()).toEqual([
      'dataset/sunspots_yearly.csv',
      `explanations/${original.id}.json`,
      'hindsight-archive.json',
      'history.jsonl',
      'model/model.json',
      'model/weights.bin',
      'predictions.csv',
      'run.json'
    ])
    const modelJson = JSON.parse(new TextDecoder().decode(entries['model/model.json'])) as {
      modelTopology: object
      weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]
    }
    const weights = entries['model/weights.bin'] as Uint8Array
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest.flatMap((g) => g.weights),
        weightData: weights.buffer.slice(
          weights.byteOffset,
          weights.byteOffset + weights.byteLength
        )
      })
    )
    expect(model.inputs[0]?.shape).toEqual([null, 5, 1])
    model.dispose()
  })

  it('imports into a fresh workspace, where the same window explains to the same numbers', async () => {
    const ws = join(dir, 'ws-b')
    const imported = await importRunArchive(ws, 'run.zip', archive)
    expect(imported.id).not.toBe('r1')
    expect(imported.dir).toBe(join(ws, 'runs', imported.id))
    expect(imported.dataset.path).toBe(join(imported.dir, 'dataset', 'sunspots_yearly.csv'))
    expect(await hashFile(imported.dataset.path)).toBe(imported.dataset.hash)
    const detail = await readRunDetail(imported.dir)
    expect(detail.summary.evaluation).toEqual((await readRunFile(runDir)).evaluation)
    expect((await listExplanations(imported.dir)).map((e) => e.id)).toEqual([original.id])

    const loaded = await loadRunForExplain(imported.dir)
    const again = await explainRun(loaded, JOB)
    loaded.model.dispose()
    expect(again.prediction).toBe(original.prediction)
    expect(again.baselinePrediction).toBe(original.baselinePrediction)
    expect(again.attributions).toEqual(original.attributions)
    // Nothing but the new run was written to the workspace.
    expect(await readdir(join(ws, 'runs'))).toEqual([imported.id])
  })

  it('refuses entries that would leave the run folder, and writes nothing', async () => {
    const good = unzipSync(archive)
    const ws = join(dir, 'ws-evil')
    for (const evil of [
      '../evil.txt',
      'model/../../evil.txt',
      '/tmp/evil.txt',
      'model\\..\\x',
      'notes.txt'
    ]) {
      const bytes = zipSync({ ...good, [evil]: strToU8('boom') })
      await expect(importRunArchive(ws, 'evil.zip', bytes)).rejects.toMatchObject({
        code: 'archive-unsafe'
      })
    }
    expect(await readdir(ws).catch(() => [])).toEqual([])
    expect(await readdir(dir)).not.toContain('evil.txt')
  })

  it('refuses model weight paths that leave the model folder', async () => {
    const good = unzipSync(archive)
    const modelJson = JSON.parse(new TextDecoder().decode(good['model/model.json'])) as {
      weightsManifest: { paths: string[] }[]
    }
    modelJson.weightsManifest[0]!.paths = ['../run.json']
    const bytes = zipSync({ ...good, 'model/model.json': strToU8(JSON.stringify(modelJson)) })
    const ws = join(dir, 'ws-weights')
    await expect(importRunArchive(ws, 'w.zip', bytes)).rejects.toMatchObject({
      code: 'bad-archive'
    })
    expect(await filesUnder(ws).catch(() => [])).toEqual([])
  })

  it('refuses oversized archives and archives that unpack too large, before unpacking', async () => {
    const limits = { archiveBytes: 1e6, unpackedBytes: 2e6, entries: 20 }
    const ws = join(dir, 'ws-big')
    // A few kB of zip that would inflate to 3 MB.
    const bomb = zipSync({ ...unzipSync(archive), 'model/zeros.bin': new Uint8Array(3e6) })
    expect(bomb.byteLength).toBeLessThan(1e6)
    await expect(importRunArchive(ws, 'bomb.zip', bomb, limits)).rejects.toMatchObject({
      code: 'too-large'
    })
    await expect(
      importRunArchive(ws, 'huge.zip', new Uint8Array(1e6 + 1), limits)
    ).rejects.toMatchObject({ code: 'too-large' })
    expect(await filesUnder(ws).catch(() => [])).toEqual([])
  })

  it('names what is wrong with files that are not run archives', async () => {
    const ws = join(dir, 'ws-junk')
    await expect(importRunArchive(ws, 'junk.zip', strToU8('not a zip'))).rejects.toMatchObject({
      code: 'bad-archive',
      message: '"junk.zip" is not a readable zip archive.'
    })
    const noManifest = zipSync({ 'run.json': strToU8('{}') })
    await expect(importRunArchive(ws, 'x.zip', noManifest)).rejects.toThrow(
      /not a Hindsight run archive/
    )
    const entries = unzipSync(archive)
    const tampered = zipSync({
      ...entries,
      'dataset/sunspots_yearly.csv': strToU8('year,sunactivity\n1,2\n')
    })
    await expect(importRunArchive(ws, 't.zip', tampered)).rejects.toThrow(/content hash differs/)
    expect(await filesUnder(ws).catch(() => [])).toEqual([])
  })
})

describe('export', () => {
  it('refuses a run that is still training', async () => {
    const running = join(dir, 'ws-c', 'runs', 'r2')
    await mkdir(running, { recursive: true })
    const run = await readRunFile(runDir)
    await writeFile(join(running, 'run.json'), JSON.stringify({ ...run, status: 'running' }))
    await expect(exportRunArchive(running)).rejects.toMatchObject({ code: 'run-busy' })
  })
})

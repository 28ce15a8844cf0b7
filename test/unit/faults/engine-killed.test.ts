import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { checkpointInfo, loadCheckpoint } from '../../../src/core/runs/checkpoint'
import { readHistory, readRunFile } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { RunSummary, TrainProgress } from '../../../src/shared/domain'
import { ExplainJobSchema } from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, repoRoot, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let services: Services
beforeAll(() => testBackend())
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  services = createServices({
    workspaceDir: dir,
    samplesDir: join(repoRoot, 'resources', 'samples'),
    host: 'electron',
    version: 'test',
    spawnEngine: forkEngine
  })
})
afterEach(async () => {
  await services.dispose()
  await cleanup()
})

/** The next train:finished of a run. */
function finished(runId: () => string): Promise<RunSummary> {
  return new Promise((resolve) => {
    const stop = services.onEvent((event, payload) => {
      if (event === 'train:finished' && (payload as RunSummary).id === runId()) {
        stop()
        resolve(payload as RunSummary)
      }
    })
  })
}

/**
 * Train a tiny model on sunspots and SIGKILL the engine mid-epoch, once
 * `afterEpochs` whole epochs are done (a batch that is not the epoch's last).
 */
async function trainAndKill(afterEpochs: number) {
  const { handlers } = services
  const dataset = await handlers['dataset:openPath']({ path: datasetPath('sunspots_yearly.csv') })
  const enginePid = (await handlers['engine:status'](undefined)).pid
  const data = DataConfigSchema.parse({ target: 'sunactivity', window: 10 })
  const model = ModelConfigSchema.parse({
    layers: 1,
    units: 4,
    epochs: 8,
    batchSize: 4,
    dropout: 0
  })
  let runId = ''
  let killedAt: TrainProgress | null = null
  const stop = services.onEvent((event, payload) => {
    const p = payload as TrainProgress
    if (
      event === 'train:progress' &&
      killedAt === null &&
      p.epoch > afterEpochs &&
      p.batch < p.batches
    ) {
      killedAt = p
      process.kill(enginePid, 'SIGKILL')
    }
  })
  const ended = finished(() => runId)
  runId = (await handlers['train:start']({ datasetId: dataset.id, data, model })).runId
  const summary = await ended
  stop()
  expect(killedAt).not.toBeNull()
  return { runId, killedAt: killedAt!, summary, enginePid, dataset, data, model }
}

describe('the engine killed with SIGKILL mid-epoch, under the app services', () => {
  it('is reported as a crash, leaves the run interrupted with history and checkpoint, and training goes on', async () => {
    const { handlers } = services
    const { runId, killedAt, summary, enginePid, dataset, data, model } = await trainAndKill(3)

    // Reported as a crash; the run is interrupted, not failed.
    expect(summary.status).toBe('interrupted')
    expect(summary.message).toMatch(/engine process stopped unexpectedly \(signal SIGKILL\)/)
    const runDir = join(dir, 'runs', runId)
    expect((await readRunFile(runDir)).status).toBe('interrupted')
    // History intact: every epoch before the kill, none torn.
    const history = await readHistory(runDir)
    expect(history.map((h) => h.epoch)).toEqual(
      Array.from({ length: killedAt.epoch - 1 }, (_, i) => i + 1)
    )
    // The last checkpoint is the last whole epoch, and loads.
    const info = await checkpointInfo(runDir)
    expect(info).toMatchObject({ lastEpoch: history.length })
    // The crash report carries them, so the app can offer to resume at once.
    expect(summary.checkpoint).toEqual(info)
    const last = await loadCheckpoint(runDir, 'last')
    last.model.dispose()
    const listed = (await handlers['runs:list'](undefined)).find((r) => r.id === runId)!
    expect(listed).toMatchObject({ status: 'interrupted', checkpoint: info })

    // A new training starts at once, on a new engine.
    let secondId = ''
    const secondEnded = finished(() => secondId)
    secondId = (
      await handlers['train:start']({ datasetId: dataset.id, data, model: { ...model, epochs: 1 } })
    ).runId
    expect((await secondEnded).status).toBe('done')
    expect((await handlers['engine:status'](undefined)).pid).not.toBe(enginePid)

    // And the interrupted run resumes from its checkpoint to its 8 epochs.
    const resumed = finished(() => runId)
    await handlers['runs:resume']({ runId })
    const final = await resumed
    expect(final).toMatchObject({ status: 'done', epochsRun: 8 })
    expect((await readHistory(runDir)).map((h) => h.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect((await readHistory(runDir)).slice(0, history.length)).toEqual(history)
    await expect(handlers['runs:forecast']({ runId })).resolves.toMatchObject({ runId })
  }, 120_000)

  it('leaves a run whose best weights can be used as they are, for forecasts and explanations', async () => {
    const { handlers } = services
    const { runId } = await trainAndKill(2)
    const info = (await handlers['runs:list'](undefined)).find((r) => r.id === runId)!.checkpoint!
    const summary = await handlers['runs:useBest']({ runId })
    expect(summary).toMatchObject({ status: 'done', epochsRun: info.lastEpoch })
    expect(summary.message).toContain(`best weights (epoch ${info.bestEpoch})`)
    expect(summary.evaluation!.model.rmse).toBeGreaterThan(0)
    await expect(handlers['runs:forecast']({ runId })).resolves.toMatchObject({ runId })
    const plan = await handlers['explain:plan']({
      runId,
      job: ExplainJobSchema.parse({ method: 'kernelshap', level: 'feature' })
    })
    expect(plan.total).toBeGreaterThan(0)
  }, 120_000)

  it('refuses to resume a finished run or one that does not exist, saying why', async () => {
    const { handlers } = services
    const dataset = await handlers['dataset:openPath']({ path: datasetPath('sunspots_yearly.csv') })
    const data = DataConfigSchema.parse({ target: 'sunactivity', window: 10 })
    const model = ModelConfigSchema.parse({ layers: 1, units: 3, epochs: 1, batchSize: 16 })
    let runId = ''
    const ended = finished(() => runId)
    runId = (await handlers['train:start']({ datasetId: dataset.id, data, model })).runId
    await ended
    await expect(handlers['runs:resume']({ runId })).rejects.toMatchObject({
      code: 'not-resumable'
    })
    await expect(handlers['runs:useBest']({ runId: 'no-such-run' })).rejects.toMatchObject({
      code: 'unknown-run',
      message: expect.stringMatching(/There is no run in .*no-such-run/)
    })
  }, 60_000)
})

import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { readRunFile } from '../../../src/core/runs/run-store'
import { EngineClient } from '../../../src/core/services/engine-client'
import type { EngineChannel } from '../../../src/core/services/types'
import { UserFacingError } from '../../../src/core/errors'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { TrainEpoch, TrainProgress } from '../../../src/shared/domain'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let client: EngineClient
let channels: EngineChannel[]
beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  channels = []
  client = new EngineClient(() => {
    const c = forkEngine()
    channels.push(c)
    return c
  })
})
afterEach(async () => {
  await client.dispose()
  await cleanup()
})

const job = (id: string, epochs: number) => ({
  runId: id,
  runDir: join(dir, id),
  dataset: { name: 'sunspots_yearly.csv', path: datasetPath('sunspots_yearly.csv') },
  data: DataConfigSchema.parse({ target: 'sunactivity', window: 10 }),
  model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs, batchSize: 8, dropout: 0 })
})

describe('engine process (child_process.fork)', () => {
  it('trains in its own process, streaming progress and epochs, and saves the run', async () => {
    const status = await client.status()
    expect(status.pid).not.toBe(process.pid)
    expect(status.backend.name).toBe('wasm')
    const progress: TrainProgress[] = []
    const epochs: TrainEpoch[] = []
    const summary = await client.train(job('r1', 2), {
      onProgress: (p) => progress.push(p),
      onEpoch: (e) => epochs.push(e)
    })
    expect(summary.status).toBe('done')
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2])
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[0]!.runId).toBe('r1')
    expect(summary.evaluation!.model.rmse).toBeGreaterThan(0)
    expect((await readRunFile(join(dir, 'r1'))).status).toBe('done')
  }, 60_000)

  it('cancels a run mid-training', async () => {
    let requestId = ''
    const pending = client.train(job('r2', 500), {
      onStarted: (id) => (requestId = id),
      onEpoch: (e) => {
        if (e.epoch === 1) void client.cancel(requestId)
      }
    })
    const summary = await pending
    expect(summary.status).toBe('cancelled')
    expect(summary.epochsRun).toBeLessThan(5)
  }, 60_000)

  it('reports bad data as a user error and stays up', async () => {
    const bad = { ...job('r3', 1), data: DataConfigSchema.parse({ target: 'nope', window: 10 }) }
    const error = await client.train(bad).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserFacingError)
    expect((error as UserFacingError).code).toBe('unknown-column')
    expect((await readRunFile(join(dir, 'r3'))).status).toBe('failed')
    expect((await client.status()).busy).toBe(false)
  }, 60_000)

  it('survives the engine crashing: in-flight work fails clearly, the next request gets a new engine', async () => {
    const first = await client.status()
    const pending = client.train(job('r4', 500), {
      onEpoch: () => channels[0]!.kill()
    })
    const error = await pending.catch((e: unknown) => e)
    expect((error as UserFacingError).code).toBe('engine-crashed')
    const second = await client.status()
    expect(second.pid).not.toBe(first.pid)
    expect(channels).toHaveLength(2)
  }, 60_000)
})

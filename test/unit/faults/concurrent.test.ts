import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineDispatcher } from '../../../src/core/engine/dispatch'
import { loadRunForExplain } from '../../../src/core/engine/explain/explain-run'
import { forecastLatest } from '../../../src/core/engine/forecast'
import { LoadedRuns } from '../../../src/core/engine/loaded-runs'
import { runTraining } from '../../../src/core/engine/run-training'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { BackendReport } from '../../../src/shared/domain'
import type { EngineEvent, EngineRequest } from '../../../src/shared/engine-protocol'
import { ExplainJobSchema, GlobalJobSchema } from '../../../src/shared/explanation'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

let backend: BackendReport
let dir: string
let cleanup: () => Promise<void>

/** Two real tiny runs on sunspots, different settings (so different models). */
beforeAll(async () => {
  backend = await testBackend()
  ;({ dir, cleanup } = await tempDir())
  for (const [id, units] of [
    ['a', 4],
    ['b', 3],
    ['c', 2]
  ] as const) {
    await runTraining(
      {
        runId: id,
        runDir: join(dir, id),
        dataset: { name: 'sunspots_yearly.csv', path: datasetPath('sunspots_yearly.csv') },
        data: DataConfigSchema.parse({ target: 'sunactivity', window: 12 }),
        model: ModelConfigSchema.parse({ layers: 1, units, epochs: 2, batchSize: 16, dropout: 0 })
      },
      { backend }
    )
  }
}, 60_000)
afterAll(() => cleanup())

/** An in-process engine: requests in, every reply collected by id. */
function engine(): { send(r: EngineRequest): Promise<EngineEvent> } {
  const waiting = new Map<string, (e: EngineEvent) => void>()
  const dispatcher = new EngineDispatcher((event) => {
    if (event.type === 'result' || event.type === 'failed') waiting.get(event.id)?.(event)
  }, Promise.resolve(backend))
  return {
    send: (request) =>
      new Promise((resolve) => {
        waiting.set(request.id, resolve)
        dispatcher.handle(request)
      })
  }
}

describe('concurrent requests in the engine', () => {
  it('a forecast and plans for another run do not pull the model from under a running explanation', async () => {
    const e = engine()
    const job = ExplainJobSchema.parse({ method: 'kernelshap', level: 'time', samples: 4000 })
    // Alone first: the numbers the explanation must give whatever runs beside it.
    const alone = await e.send({ type: 'explain', id: 'alone', runDir: join(dir, 'a'), job })
    expect(alone).toMatchObject({ type: 'result', request: 'explain' })
    const explaining = e.send({ type: 'explain', id: 'x', runDir: join(dir, 'a'), job })
    const others = await Promise.all([
      e.send({ type: 'predict', id: 'p', runDir: join(dir, 'b') }),
      e.send({ type: 'explain-plan', id: 'q', runDir: join(dir, 'b'), job }),
      e.send({
        type: 'global-plan',
        id: 'g',
        runDir: join(dir, 'b'),
        job: GlobalJobSchema.parse({})
      })
    ])
    expect(others.map((o) => o.type)).toEqual(['result', 'result', 'result'])
    const together = await explaining
    expect(together).toMatchObject({ type: 'result', request: 'explain' })
    const values = (event: EngineEvent): unknown =>
      event.type === 'result' && event.request === 'explain'
        ? [event.value.prediction, event.value.attributions]
        : event
    expect(values(together)).toEqual(values(alone))
  }, 60_000)

  it('keeps two idle runs loaded and disposes the least recently used, never one in use', async () => {
    const runs = new LoadedRuns((runDir) => loadRunForExplain(runDir))
    const a = await runs.use(join(dir, 'a'), async (run) => run)
    await runs.use(join(dir, 'b'), async () => undefined)
    // While a is in use, loading c evicts b (idle), not a.
    const c = await runs.use(join(dir, 'a'), () => runs.use(join(dir, 'c'), async (run) => run))
    expect(runs.size).toBe(2)
    await expect(forecastLatest(a)).resolves.toMatchObject({ runId: 'a' })
    await expect(forecastLatest(c)).resolves.toMatchObject({ runId: 'c' })
    // Retraining a drops it; it is disposed at once when idle.
    runs.drop(join(dir, 'a'))
    await new Promise((resolve) => setImmediate(resolve))
    await expect(forecastLatest(a)).rejects.toThrow(/disposed/)
  }, 60_000)
})

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { explainRun, loadRunForExplain } from '../../../src/core/engine/explain/explain-run'
import { forecastLatest } from '../../../src/core/engine/forecast'
import { listExplanations } from '../../../src/core/runs/explanation-store'
import { scanRuns } from '../../../src/core/runs/run-scan'
import {
  appendHistory,
  readHistory,
  readRunDetail,
  readRunFile,
  writeRunFile
} from '../../../src/core/runs/run-store'
import { FORMATS } from '../../../src/core/runs/schema'
import { testBackend } from '../../helpers/backend'
import { tempDir } from '../../helpers/paths'
import { copyV1Workspace, V1_RUN_ID, V1_WORKSPACE } from './fixture'

let dir: string
let cleanup: () => Promise<void>
beforeAll(() => testBackend())
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

describe('a run written by the previous version (v1: no schema versions)', () => {
  it('has no format fields, as written then', async () => {
    const raw = JSON.parse(
      await readFile(join(V1_WORKSPACE, 'runs', V1_RUN_ID, 'run.json'), 'utf8')
    ) as Record<string, unknown>
    expect(raw['format']).toBeUndefined()
    expect(raw['dir']).toBe('/tmp/rb/v1run')
  })

  it('lists, opens, forecasts and explains to the numbers it saved', async () => {
    const runDir = await copyV1Workspace(dir)
    const { runs, damaged } = await scanRuns(dir)
    expect(damaged).toEqual([])
    expect(runs.map((r) => [r.id, r.dir, r.status, r.damage])).toEqual([
      [V1_RUN_ID, runDir, 'done', undefined]
    ])
    const detail = await readRunDetail(runDir)
    expect(detail.history.map((h) => h.epoch)).toEqual([1, 2, 3])
    expect(detail.predictions!.actual.length).toBe(detail.summary.evaluation!.windows)

    const loaded = await loadRunForExplain(runDir)
    try {
      const forecast = await forecastLatest(loaded)
      expect(Number.isFinite(forecast.value)).toBe(true)
      const [saved] = await listExplanations(runDir)
      const again = await explainRun(loaded, saved!.settings)
      expect(again.prediction).toBeCloseTo(saved!.prediction, 4)
      expect(again.attributions).toEqual(
        (saved!.attributions as number[]).map((a) => expect.closeTo(a, 4))
      )
    } finally {
      loaded.model.dispose()
    }
  })

  it('is upgraded to the current format when written again, losing nothing', async () => {
    const runDir = await copyV1Workspace(dir)
    const before = await readRunFile(runDir)
    await writeRunFile(runDir, { ...before, message: 'renamed' })
    const raw = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as Record<
      string,
      unknown
    >
    expect(raw['format']).toBe(FORMATS.run)
    expect(raw['dir']).toBe(runDir)
    const after = await readRunFile(runDir)
    expect({ ...after, message: undefined }).toEqual({ ...before, message: undefined })
    // history: v1 lines stay readable, new lines follow them
    await appendHistory(runDir, { epoch: 4, loss: 1, valLoss: 1, seconds: 0 })
    expect((await readHistory(runDir)).map((h) => h.epoch)).toEqual([1, 2, 3, 4])
  })

  it('loads, forecasts and explains as a single-step run without intervals (before #10)', async () => {
    const runDir = await copyV1Workspace(dir)
    const run = await readRunFile(runDir)
    expect(run.targetModeChoice).toBeUndefined()
    expect(run.data).toMatchObject({ targetMode: 'change', multiStep: false, horizon: 3 })
    expect(run.evaluation!.byStep).toBeUndefined()
    const detail = await readRunDetail(runDir)
    expect(detail.predictions!.path).toBeUndefined()
    const loaded = await loadRunForExplain(runDir)
    try {
      // Re-windowed exactly as trained (its output map compares equal), one output at step H.
      expect(loaded.data.outputs).toBe(1)
      expect(loaded.data.outputSteps).toEqual([3])
      const forecast = await forecastLatest(loaded)
      expect(forecast.path).toBeUndefined()
      expect(forecast.intervals).toEqual([])
      const [saved] = await listExplanations(runDir)
      expect(saved!.step).toBeUndefined()
      const again = await explainRun(loaded, saved!.settings)
      expect(again.step).toBe(3)
      expect(again.prediction).toBeCloseTo(saved!.prediction, 4)
    } finally {
      loaded.model.dispose()
    }
  })

  it('reads settings whose defaults changed as they were trained, not as today', async () => {
    const runDir = await copyV1Workspace(dir)
    const path = join(runDir, 'run.json')
    const raw = JSON.parse(await readFile(path, 'utf8')) as {
      data: Record<string, unknown>
      model: Record<string, unknown>
    }
    // A run from before target modes and before early stopping had settings.
    delete raw.data['targetMode']
    delete raw.model['earlyStopping']
    await writeFile(path, JSON.stringify(raw))
    const run = await readRunFile(runDir)
    expect(run.data.targetMode).toBe('level')
    expect(run.model.earlyStopping.enabled).toBe(false)
  })

  it('refuses files from a newer version with a message, and lists the rest', async () => {
    const runDir = await copyV1Workspace(dir)
    const raw = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as object
    await writeRunFile(join(dir, 'runs', 'ok-run'), {
      ...(await readRunFile(runDir)),
      createdAt: '2027-01-01T00:00:00.000Z'
    })
    await writeFile(
      join(runDir, 'run.json'),
      JSON.stringify({ ...raw, format: 'hindsight.run/99' })
    )
    const { runs, damaged } = await scanRuns(dir)
    expect(runs.map((r) => r.id)).toEqual(['ok-run'])
    expect(damaged).toEqual([
      { id: V1_RUN_ID, dir: runDir, reason: expect.stringMatching(/newer version of Hindsight/) }
    ])
  })
})

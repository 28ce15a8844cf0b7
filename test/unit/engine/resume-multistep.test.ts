import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runTraining } from '../../../src/core/engine/run-training'
import { readResumePoint } from '../../../src/core/engine/train/resume'
import { readRunDetail, readRunFile } from '../../../src/core/runs/run-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { BackendReport } from '../../../src/shared/domain'
import type { TrainJob } from '../../../src/shared/engine-protocol'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

let backend: BackendReport
let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  backend = await testBackend()
  ;({ dir, cleanup } = await tempDir())
})
afterAll(() => cleanup())

describe('an unfinished multi-step run with an automatic target mode', () => {
  it('resumes with the mode, reason and input convention it chose at its start', async () => {
    const runDir = join(dir, 'r')
    const job: TrainJob = {
      runId: 'r',
      runDir,
      dataset: {
        name: 'co2_mauna_loa_monthly.csv',
        path: datasetPath('co2_mauna_loa_monthly.csv')
      },
      data: DataConfigSchema.parse({
        target: 'co2',
        window: 12,
        horizon: 3,
        seasonLength: 12,
        missing: 'interpolate',
        multiStep: true
      }),
      model: ModelConfigSchema.parse({ layers: 1, units: 4, epochs: 3, dropout: 0 })
    }
    expect(job.data.targetMode).toBe('auto')
    const signal = { aborted: false }
    await runTraining(job, {
      backend,
      signal,
      onEpoch: () => {
        signal.aborted = true
      }
    })
    const before = await readRunFile(runDir)
    expect(before.status).toBe('cancelled')
    expect(before.data.targetMode).toBe('change')
    expect(before.targetModeChoice).toMatchObject({ mode: 'change', requested: 'auto' })
    expect(before.relativeTarget).toBe(true)

    // As the services resume it: with the run's own (resolved) settings.
    const point = await readResumePoint(runDir, 'last')
    const summary = await runTraining(
      { ...job, data: before.data, model: before.model, resume: 'last' },
      { backend },
      point
    )
    expect(summary.status).toBe('done')
    expect(summary.targetModeChoice).toEqual(before.targetModeChoice)
    const after = await readRunFile(runDir)
    expect(after.relativeTarget).toBe(true)
    expect(after.output).toEqual(before.output)
    const detail = await readRunDetail(runDir)
    expect(detail.summary.evaluation!.byStep!.map((s) => s.step)).toEqual([1, 2, 3])
    expect(detail.predictions!.path![0]).toHaveLength(3)
  }, 120_000)
})

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { counterfactualRun } from '../../../src/core/engine/explain/counterfactual-run'
import { loadRunForExplain, type LoadedRun } from '../../../src/core/engine/explain/explain-run'
import { sensitivityRun } from '../../../src/core/engine/explain/sensitivity-run'
import { whatIfRun } from '../../../src/core/engine/explain/whatif-run'
import { runTraining } from '../../../src/core/engine/run-training'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import {
  CounterfactualJobSchema,
  CounterfactualResultSchema,
  SensitivityJobSchema,
  SensitivityResultSchema,
  WhatIfJobSchema,
  WhatIfResultSchema
} from '../../../src/shared/whatif'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let loaded: LoadedRun
const DATA = datasetPath('seattle_weather_daily.csv')

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  const backend = await testBackend()
  const runDir = join(dir, 'run')
  await runTraining(
    {
      runId: 'run',
      runDir,
      dataset: { name: 'seattle_weather_daily.csv', path: DATA },
      data: DataConfigSchema.parse({
        target: 'temp_max',
        features: ['temp_min', 'wind'],
        window: 8,
        horizon: 1
      }),
      model: ModelConfigSchema.parse({
        layers: 1,
        units: 6,
        epochs: 2,
        dropout: 0,
        learningRate: 0.01
      })
    },
    { backend }
  )
  loaded = await loadRunForExplain(runDir, backend.kernels.path)
}, 120_000)
afterAll(async () => {
  loaded?.model.dispose()
  await cleanup()
})

/** [min, max] of a column over the training rows, straight from the CSV. */
async function csvRange(column: string): Promise<[number, number]> {
  const rows = (await readFile(DATA, 'utf8')).trim().split('\n')
  const col = rows[0]!.split(',').indexOf(column)
  const values = rows
    .slice(1, 1 + loaded.data.split.trainEndRow)
    .map((r) => Number(r.split(',')[col]))
  return [Math.min(...values), Math.max(...values)]
}

describe('what-if jobs in the engine', () => {
  it('sensitivity sweeps the observed training range; each point is the forecast of that edit', async () => {
    const job = SensitivityJobSchema.parse({ index: 3, step: 7, feature: 'temp_max', points: 5 })
    const r = await sensitivityRun(loaded, job)
    expect(SensitivityResultSchema.parse(r)).toEqual(r)
    const [min, max] = await csvRange('temp_max')
    expect(r.range).toEqual([min, max])
    expect(r.values[0]).toBe(min)
    expect(r.values.at(-1)).toBe(max)
    const plain = await whatIfRun(loaded, WhatIfJobSchema.parse({ index: 3, edits: [] }))
    expect(r.current.value).toBe(plain.original.window[7]![0])
    expect(r.current.prediction).toBeCloseTo(plain.original.prediction, 5)
    const edited = await whatIfRun(
      loaded,
      WhatIfJobSchema.parse({
        index: 3,
        edits: [{ step: 7, feature: 'temp_max', value: r.values[1]! }]
      })
    )
    expect(r.predictions[1]).toBeCloseTo(edited.edited.prediction, 5)
    // The forecast is not flat over the target's own last value.
    expect(Math.max(...r.predictions) - Math.min(...r.predictions)).toBeGreaterThan(0.1)
  })

  it('sensitivity of an edited window: the curve at the edited value is the what-if forecast of that window', async () => {
    const grid = await sensitivityRun(
      loaded,
      SensitivityJobSchema.parse({ index: 3, step: 7, feature: 'temp_max', points: 5 })
    )
    expect(grid.editedCells).toBe(0)
    // Two edits: the swept cell set onto a grid point, and another input elsewhere in the window.
    const wind = 'wind'
    const edits = [
      { step: 7, feature: 'temp_max', value: grid.values[2]! },
      { step: 5, feature: wind, value: 9.5 }
    ]
    const job = SensitivityJobSchema.parse({
      index: 3,
      step: 7,
      feature: 'temp_max',
      points: 5,
      edits
    })
    const r = await sensitivityRun(loaded, job)
    expect(SensitivityResultSchema.parse(r)).toEqual(r)
    expect(r.editedCells).toBe(2)
    expect(r.values).toEqual(grid.values)
    // The current value is the edited one, and the curve passes through the what-if forecast of
    // the same edited window (a separate job and model call).
    const whatIf = await whatIfRun(loaded, WhatIfJobSchema.parse({ index: 3, edits }))
    expect(r.current.value).toBe(grid.values[2])
    expect(r.current.value).toBe(whatIf.edited.window[7]![0])
    expect(r.current.prediction).toBeCloseTo(whatIf.edited.prediction, 5)
    expect(r.predictions[2]).toBeCloseTo(whatIf.edited.prediction, 5)
    // Each other point is the forecast of the edited window with the swept cell moved there.
    const moved = await whatIfRun(
      loaded,
      WhatIfJobSchema.parse({
        index: 3,
        edits: [...edits, { step: 7, feature: 'temp_max', value: grid.values[4]! }]
      })
    )
    expect(r.predictions[4]).toBeCloseTo(moved.edited.prediction, 5)
    // The other edit changed the curve: it is not the original window's.
    const shift = r.predictions.map((p, i) => Math.abs(p - grid.predictions[i]!))
    expect(Math.max(...shift)).toBeGreaterThan(1e-4)
  })

  it('sensitivity refuses hostile edits: the schema for malformed ones, the engine for cells outside the window', async () => {
    const base = { index: 3, step: 7, feature: 'temp_max' }
    for (const edits of [
      [{ step: 1, feature: 'wind', value: Number.NaN }],
      [{ step: 1, feature: 'wind', value: Number.POSITIVE_INFINITY }],
      [{ step: -1, feature: 'wind', value: 1 }],
      [{ step: 1.5, feature: 'wind', value: 1 }],
      [{ step: 1, feature: '', value: 1 }],
      [{ step: 1, feature: 'wind', value: '3' }],
      [{ step: 1, feature: 'wind' }],
      [null],
      'step 1',
      { step: 1, feature: 'wind', value: 1 }
    ]) {
      expect(
        SensitivityJobSchema.safeParse({ ...base, edits }).success,
        JSON.stringify(edits)
      ).toBe(false)
    }
    const parse = (edits: unknown) => SensitivityJobSchema.parse({ ...base, edits })
    await expect(
      sensitivityRun(loaded, parse([{ step: 8, feature: 'wind', value: 1 }]))
    ).rejects.toThrow(/Step 8 is outside the window/)
    await expect(
      sensitivityRun(loaded, parse([{ step: 1, feature: 'rain', value: 1 }]))
    ).rejects.toThrow(/No input column "rain"/)
  })

  it('what-if with KernelSHAP: attributions of the edited window add up to its forecast', async () => {
    const job = WhatIfJobSchema.parse({
      index: 2,
      edits: [{ step: 6, feature: 'wind', value: 9 }],
      method: 'kernelshap'
    })
    const r = await whatIfRun(loaded, job)
    expect(WhatIfResultSchema.parse(r)).toEqual(r)
    const a = r.attributions!
    expect(a.level).toBe('time')
    expect(a.players).toHaveLength(8)
    expect(a.prediction).toBeCloseTo(r.edited.prediction, 4)
    const sum = a.values.reduce((s, v) => s + v, 0)
    expect(Math.abs(sum - (a.prediction - a.baselinePrediction))).toBeLessThan(1e-3)
    expect(Math.abs(a.additivityGap.absolute)).toBeLessThan(1e-3)
  })

  it('what-if attributions look for a cancel between small batches of coalitions, and stop on one', async () => {
    const job = WhatIfJobSchema.parse({
      index: 2,
      edits: [{ step: 6, feature: 'wind', value: 9 }],
      method: 'kernelshap'
    })
    // A signal that counts how often the run looks at it (it never aborts).
    let looks = 0
    const watched = {
      get aborted() {
        looks += 1
        return false
      }
    }
    const r = await whatIfRun(loaded, job, { signal: watched })
    // Newer edits wait at most one batch of 32 windows, not the whole coalition set.
    expect(r.attributions!.modelCalls).toBeGreaterThan(200)
    expect(looks).toBeGreaterThanOrEqual(r.attributions!.modelCalls / 32)
    // Aborted after a few batches: the run stops with no result.
    let seen = 0
    const cancelled = {
      get aborted() {
        seen += 1
        return seen > 4
      }
    }
    await expect(whatIfRun(loaded, job, { signal: cancelled })).rejects.toThrow(/aborted/i)
    expect(seen).toBeLessThan(looks)
  })

  it('counterfactual with step locks leaves the locked steps alone and names bad locks', async () => {
    const plain = await whatIfRun(loaded, WhatIfJobSchema.parse({ index: 1, edits: [] }))
    const job = CounterfactualJobSchema.parse({
      index: 1,
      target: plain.original.prediction + 2,
      lockedSteps: [7]
    })
    const r = await counterfactualRun(loaded, job)
    expect(CounterfactualResultSchema.parse(r)).toEqual(r)
    expect(r.changed.every((c) => c.step !== 7)).toBe(true)
    expect(r.window[7]).toEqual(plain.original.window[7])
    if (r.reached) expect(Math.abs(r.prediction - job.target)).toBeLessThanOrEqual(r.tolerance)
    await expect(
      counterfactualRun(
        loaded,
        CounterfactualJobSchema.parse({ index: 1, target: 1, lockedFeatures: ['rain'] })
      )
    ).rejects.toThrow(/No input column "rain"/)
    await expect(
      counterfactualRun(loaded, CounterfactualJobSchema.parse({ index: 99999, target: 1 }))
    ).rejects.toThrow(/Test window 99999 does not exist/)
  })
})

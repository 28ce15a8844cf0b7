/**
 * The checks that can fail for sampled Shapley estimates (agreement with exact
 * values, spread across seeds), the plan's count against what a run evaluates,
 * and the window the plan carries against the record's — on a trained model.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cellGrouping, meanBaseline, shapleyExact, type Attribution } from '../../../src/explain'
import {
  explainRun,
  loadRunForExplain,
  planRunExplanation,
  type LoadedRun
} from '../../../src/core/engine/explain/explain-run'
import { predictFnFor } from '../../../src/core/engine/explain/model-fns'
import { agreement, seedSpread, SPREAD_SEEDS } from '../../../src/core/engine/explain/stability'
import { globalImportanceRun } from '../../../src/core/engine/explain/global-run'
import { runTraining } from '../../../src/core/engine/run-training'
import {
  listGlobalImportance,
  saveGlobalImportance
} from '../../../src/core/runs/explanation-store'
import { DataConfigSchema } from '../../../src/shared/data-config'
import {
  ExplainJobSchema,
  ExplanationRecordSchema,
  GlobalJobSchema
} from '../../../src/shared/explanation'
import { trustSummary } from '../../../src/shared/explanation-trust'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath, tempDir } from '../../helpers/paths'

let cleanup: () => Promise<void>
let loaded: LoadedRun

beforeAll(async () => {
  let dir: string
  ;({ dir, cleanup } = await tempDir())
  const runDir = join(dir, 'run')
  await runTraining(
    {
      runId: 'run',
      runDir,
      dataset: {
        name: 'seattle_weather_daily.csv',
        path: datasetPath('seattle_weather_daily.csv')
      },
      data: DataConfigSchema.parse({
        target: 'temp_max',
        features: ['temp_min'],
        window: 6,
        horizon: 1,
        targetMode: 'level'
      }),
      model: ModelConfigSchema.parse({ layers: 1, units: 6, epochs: 2, dropout: 0 })
    },
    { backend: await testBackend() }
  )
  loaded = await loadRunForExplain(runDir)
}, 120_000)
afterAll(() => cleanup())

function attribution(values: number[], stderr: number[] | null): Attribution {
  return { values, stderr } as unknown as Attribution
}

describe('stability checks, by their definitions', () => {
  it('agreement: largest difference, its share of the largest exact value, and the share within ±1.96 s.e.', () => {
    const a = agreement(attribution([1, 2.5, -1], [0.1, 0.1, 0.01]), [1.1, 2, -1])
    expect(a.maxAbsDiff).toBeCloseTo(0.5, 12)
    expect(a.relative).toBeCloseTo(0.25, 12)
    // |0.1| ≤ 0.196 yes; |0.5| ≤ 0.196 no; 0 ≤ 0.0196 yes.
    expect(a.withinErrors).toBeCloseTo(2 / 3, 12)
  })

  it('spread: pooled sample standard deviation over the root mean square reported error', () => {
    const runs = [
      attribution([1, 10], [1, 2]),
      attribution([2, 10], [1, 2]),
      attribution([3, 10], [1, 2])
    ]
    const s = seedSpread(runs, [1, 2, 3], 64)
    // Player 0: sample variance 1; player 1: 0 → pooled sd √(1/2).
    expect(s.spread).toBeCloseTo(Math.sqrt(0.5), 12)
    expect(s.reported).toBeCloseTo(Math.sqrt((1 + 4) / 2), 12)
    expect(s.ratio).toBeCloseTo(Math.sqrt(0.5) / Math.sqrt(2.5), 12)
  })
})

describe('sampled KernelSHAP on a trained run', () => {
  it('compares with exact values computed independently and re-runs with other seeds', async () => {
    // 6 steps × 2 features = 12 cells: 4,094 coalitions, so 300 is sampled.
    const job = ExplainJobSchema.parse({
      method: 'kernelshap',
      level: 'cell',
      index: 3,
      samples: 300,
      checks: true
    })
    const plan = planRunExplanation(job, loaded)
    expect(plan.values).toBe('sampled')
    const record = await explainRun(loaded, job)
    expect(ExplanationRecordSchema.parse(record)).toEqual(record)
    expect(record.fidelity.kernelMode).toBe('sampled')
    // Every window the run evaluated, checks included, is the number the plan announced.
    expect(record.modelCalls).toBe(plan.total)
    // The plan's window is the record's window.
    expect(plan.window?.time).toEqual(record.window.time)
    expect(plan.window?.values).toEqual(record.window.values)
    expect(plan.window?.targetTime).toBe(record.targetTime)

    // Independent reference: exact cell Shapley values on the same model and baseline.
    const { data, model } = loaded
    const size = data.steps * data.features
    const shape = { steps: data.steps, features: data.features }
    const exact = await shapleyExact(
      {
        x: data.test.x.slice(3 * size, 4 * size),
        baseline: meanBaseline(data.train.x, data.train.n, shape),
        grouping: cellGrouping(shape)
      },
      predictFnFor(model, data.steps, data.features)
    )
    const scale = data.scaler.columns[0]!.scale
    const estimate = (record.attributions as number[][]).flat()
    const diffs = estimate.map((v, i) => Math.abs(v - exact.values[i]! * scale))
    const top = Math.max(...exact.values.map((v) => Math.abs(v * scale)))
    const agreementCheck = record.checks.exactAgreement!
    expect(agreementCheck.players).toBe(12)
    expect(agreementCheck.maxAbsDiff).toBeCloseTo(Math.max(...diffs), 5)
    expect(agreementCheck.relative).toBeCloseTo(Math.max(...diffs) / top, 5)

    const spread = record.checks.seedSpread!
    expect(spread.seeds).toHaveLength(SPREAD_SEEDS)
    expect(new Set(spread.seeds).size).toBe(SPREAD_SEEDS)
    expect(spread.seeds).not.toContain(record.seed)
    expect(spread.spread).toBeGreaterThan(0)
    expect(spread.reported).toBeGreaterThan(0)
    // Additivity is no evidence here; the two checks that can fail are there.
    const ids = trustSummary(record).checks.map((c) => [c.id, c.verdict])
    expect(ids).toContainEqual(['additivity', 'construction'])
    expect(ids.map(([id]) => id)).toEqual(expect.arrayContaining(['exact', 'seeds', 'deletion']))
  })

  it('skips both checks when KernelSHAP enumerated every coalition (the values are exact)', async () => {
    const job = ExplainJobSchema.parse({
      method: 'kernelshap',
      level: 'time',
      index: 1,
      checks: true
    })
    const plan = planRunExplanation(job, loaded)
    expect(plan.values).toBe('exact')
    const record = await explainRun(loaded, job)
    expect(record.fidelity.kernelMode).toBe('exact')
    expect(record.checks.exactAgreement).toBeNull()
    expect(record.checks.seedSpread).toBeNull()
    expect(record.modelCalls).toBe(plan.total)
  })

  it('counts the checks in the cost of every method, as the plan does', async () => {
    for (const method of ['occlusion', 'lime', 'exact'] as const) {
      const job = ExplainJobSchema.parse({
        method,
        level: 'feature',
        index: 0,
        checks: true,
        ...(method === 'lime' ? { samples: 100 } : {})
      })
      const plan = planRunExplanation(job, loaded)
      const record = await explainRun(loaded, job)
      expect(record.modelCalls, method).toBe(plan.total)
    }
  })
})

describe('importance by lag, saved with the run', () => {
  it('has an id and a date, and lists back as it was saved, newest first', async () => {
    const job = GlobalJobSchema.parse({ method: 'exact', baseline: 'zeros', windows: 2 })
    const first = await globalImportanceRun(loaded, job)
    const second = await globalImportanceRun(loaded, { ...job, windows: 3 })
    expect(first.id).toMatch(/importance-exact/)
    expect(first.id).not.toBe(second.id)
    for (const r of [first, second]) await saveGlobalImportance(loaded.run.dir, { ...r, id: r.id! })
    const listed = await listGlobalImportance(loaded.run.dir)
    expect(listed.map((r) => r.id)).toEqual([second.id, first.id])
    expect(listed[1]).toEqual(first)
  })
})

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

interface StepJson {
  step: number
  rmse: number
  mae: number
  mase?: number | null
}

const H = 3

describe('npm run cli -- train --multi-step', () => {
  it('adds per-step errors, interval coverage and the target mode to the JSON line', async () => {
    const out = join(dir, 'run')
    const r = await runCli([
      'train',
      ...['--data', datasetPath('co2_mauna_loa_monthly.csv'), '--target', 'co2'],
      ...['--window', '12', '--horizon', String(H), '--season', '12', '--multi-step'],
      ...['--intervals', '0.5,0.8', '--missing', 'interpolate'],
      ...['--epochs', '2', '--layers', '1', '--units', '4', '--dropout', '0', '--lr', '0.01'],
      ...['--out', out, '--json']
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      test: { rmse: number; byStep: StepJson[] }
      naive: { rmse: number; byStep: StepJson[] }
      seasonalNaive: { byStep: StepJson[] } | null
      intervals: { level: number; coverage: number; halfWidth: number[] }[]
      targetMode: { mode: string; requested: string; reason: string }
    }
    expect(json.targetMode).toMatchObject({ mode: 'change', requested: 'auto' })
    expect(json.targetMode.reason).toMatch(/KPSS/)
    expect(json.test.byStep.map((s) => s.step)).toEqual([1, 2, 3])
    expect(json.test.byStep.every((s) => typeof s.mase === 'number' && s.mase > 0)).toBe(true)
    expect(json.test.rmse).toBe(json.test.byStep[H - 1]!.rmse)
    expect(json.seasonalNaive!.byStep).toHaveLength(H)
    expect(json.intervals.map((i) => i.level)).toEqual([0.5, 0.8])
    for (const i of json.intervals) {
      expect(i.coverage).toBeGreaterThan(0)
      expect(i.coverage).toBeLessThanOrEqual(1)
      expect(i.halfWidth).toHaveLength(H)
    }
    // Recomputed from predictions.csv: each step's path against its actuals, and the naive
    // forecast (the window's last value) against the same actuals.
    const [head, ...rows] = readFileSync(join(out, 'predictions.csv'), 'utf8').trim().split('\n')
    const cols = head!.split(',')
    const cells = rows.map((line) => line.split(','))
    for (let k = 1; k <= H; k++) {
      const at = (name: string) => cells.map((c) => Number(c[cols.indexOf(name)]))
      const actual = at(`actual_${k}`)
      const predicted = at(`predicted_${k}`)
      const naive = at('naive')
      const rmse = Math.sqrt(
        actual.reduce((s, a, i) => s + (predicted[i]! - a) ** 2, 0) / actual.length
      )
      const naiveMae = actual.reduce((s, a, i) => s + Math.abs(naive[i]! - a), 0) / actual.length
      expect(json.test.byStep[k - 1]!.rmse).toBeCloseTo(rmse, 6)
      expect(json.naive.byStep[k - 1]!.mae).toBeCloseTo(naiveMae, 6)
    }
  }, 120_000)

  it('forecasts the path past the end with intervals, and explains one step', async () => {
    const run = join(dir, 'run')
    const forecast = await runCli(['forecast', '--run', run, '--json'])
    expect(forecast.code).toBe(0)
    const f = JSON.parse(forecast.stdout.trim().split('\n').at(-1)!) as {
      path: { step: number; value: number; intervals: { level: number }[] }[]
    }
    expect(f.path.map((p) => p.step)).toEqual([1, 2, 3])
    expect(f.path.every((p) => p.intervals.length === 2)).toBe(true)
    const text = await runCli(['forecast', '--run', run])
    expect(text.stdout).toMatch(/^ {3}1 {2}\d{4}-\d{2}-\d{2} .*80%: \[/m)

    const explained = await runCli(
      ['explain', '--run', run, '--step', '1', '--method', 'exact', '--level', 'feature'].concat([
        '--json'
      ])
    )
    expect(explained.code).toBe(0)
    const e = JSON.parse(explained.stdout.trim().split('\n').at(-1)!) as {
      step: number
      prediction: number
      baselinePrediction: number
      attributions: number[]
    }
    expect(e.step).toBe(1)
    expect(e.attributions[0]).toBeCloseTo(e.prediction - e.baselinePrediction, 6)
    const bad = await runCli(['explain', '--run', run, '--step', '4'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/Step 4 cannot be explained: this model predicts steps 1–3/)
  }, 120_000)

  it('rejects interval levels outside (0, 1) with exit code 2', async () => {
    const r = await runCli(['train', '--data', 'x.csv', '--target', 'v', '--intervals', '0.8,95'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--intervals takes levels between 0 and 1/)
  })
})

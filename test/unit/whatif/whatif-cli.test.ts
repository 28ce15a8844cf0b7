import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { datasetPath, tempDir } from '../../helpers/paths'

/**
 * issue 11's "Done means", end to end through the CLI and the forked engine,
 * checked against the saved model run outside the app: tfjs loads model.json
 * and weights.bin, and run.json's scaler and output map turn windows into
 * model inputs and outputs into forecasts.
 */

interface SavedRun {
  scaler: { columns: { name: string; shift: number; scale: number }[] }
  output: { scale: number; offset: number; lastValueWeight: number }
  split: { trainEndRow: number }
  /** The network sees the target relative to the window's last value (change models). */
  relativeTarget?: boolean
}

let dir: string
let cleanup: () => Promise<void>
let runDir: string
let saved: SavedRun
let model: tf.LayersModel

const DATA = datasetPath('seattle_weather_daily.csv')
const STEPS = 12

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  runDir = join(dir, 'run')
  const trained = await runCli(
    [
      'train',
      '--data',
      DATA,
      '--target',
      'temp_max',
      '--features',
      'temp_min,wind',
      '--window',
      String(STEPS),
      '--epochs',
      '2',
      '--layers',
      '1',
      '--units',
      '6',
      '--dropout',
      '0',
      '--lr',
      '0.01',
      // 'change' exercises the output map's last-value term as well.
      '--target-mode',
      'change',
      '--out',
      runDir,
      '--json'
    ],
    120_000
  )
  expect(trained.code, trained.stderr).toBe(0)
  saved = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as SavedRun
  expect(saved.relativeTarget).toBe(true)
  const json = JSON.parse(await readFile(join(runDir, 'model/model.json'), 'utf8')) as {
    modelTopology: object
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[]
  }
  const weights = await readFile(join(runDir, 'model/weights.bin'))
  model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((m) => m.weights),
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.length)
    })
  )
}, 180_000)

afterAll(async () => {
  model?.dispose()
  await cleanup()
})

/** The saved model's forecast of a window in original units, computed without the app's code. */
function outsideForecast(window: number[][]): number {
  const cols = saved.scaler.columns
  const scaled = window.map((row) => row.map((v, f) => (v - cols[f]!.shift) / cols[f]!.scale))
  const last = scaled.at(-1)![0]!
  const input = saved.relativeTarget
    ? scaled.map((row) => row.map((v, f) => (f === 0 ? v - last : v)))
    : scaled
  const out = tf.tidy(() =>
    (model.predict(tf.tensor3d([input], [1, window.length, cols.length])) as tf.Tensor).dataSync()
  )[0]!
  const g = out + saved.output.lastValueWeight * scaled.at(-1)![0]!
  return g * saved.output.scale + saved.output.offset
}

async function targetTrainingRange(): Promise<number> {
  const rows = (await readFile(DATA, 'utf8')).trim().split('\n')
  const col = rows[0]!.split(',').indexOf('temp_max')
  const values = rows.slice(1, 1 + saved.split.trainEndRow).map((r) => Number(r.split(',')[col]))
  return Math.max(...values) - Math.min(...values)
}

const lastJson = <T>(stdout: string): T => JSON.parse(stdout.trim().split('\n').at(-1)!) as T
const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12)

interface WhatIfJson {
  original: { prediction: number; window: number[][] }
  edited: { prediction: number; window: number[][] }
  attributions?: {
    values: number[]
    prediction: number
    baselinePrediction: number
    additivityGap: { absolute: number }
    forEditedWindow: boolean
  }
}

interface CounterfactualJson {
  target: number
  reached: boolean
  prediction: number
  window: number[][]
  changed: { step: number; feature: string; from: number; to: number }[]
  distance: number
}

describe('whatif and counterfactual CLI (issue 11)', () => {
  let original: WhatIfJson['original']

  it('whatif: the forecasts it reports are the saved model’s on the windows it returns', async () => {
    const r = await runCli([
      'whatif',
      '--run',
      runDir,
      '--index',
      '5',
      '--set',
      '11:temp_max=30.5,9:wind=1.25',
      '--method',
      'exact',
      '--json'
    ])
    expect(r.code, r.stderr).toBe(0)
    const out = lastJson<WhatIfJson>(r.stdout)
    expect(Object.keys(out).sort()).toEqual(['attributions', 'edited', 'original'])
    original = out.original
    expect(out.original.window).toHaveLength(STEPS)
    expect(out.original.window.every((row) => row.length === 3)).toBe(true)
    // Only the cells set differ, and they hold the values asked for.
    const diffs: string[] = []
    out.edited.window.forEach((row, t) =>
      row.forEach((v, f) => v !== out.original.window[t]![f] && diffs.push(`${t}:${f}=${v}`))
    )
    expect(diffs.sort()).toEqual(['11:0=30.5', '9:2=1.25'])
    expect(relative(out.original.prediction, outsideForecast(out.original.window))).toBeLessThan(
      1e-5
    )
    expect(relative(out.edited.prediction, outsideForecast(out.edited.window))).toBeLessThan(1e-5)
    expect(out.edited.prediction).not.toBeCloseTo(out.original.prediction, 3)
    // The attributions explain the edited forecast and add up to it.
    const a = out.attributions!
    expect(a.forEditedWindow).toBe(true)
    expect(a.prediction).toBeCloseTo(out.edited.prediction, 4)
    const sum = a.values.reduce((s, v) => s + v, 0)
    expect(sum).toBeCloseTo(a.prediction - a.baselinePrediction, 4)
  }, 60_000)

  it('counterfactual: lands within 1 % of the target range, changes no locked feature and under half the cells', async () => {
    const range = await targetTrainingRange()
    const target = original.prediction - 0.1 * range
    const r = await runCli([
      'counterfactual',
      '--run',
      runDir,
      '--index',
      '5',
      '--target',
      String(target),
      '--lock',
      'temp_min',
      '--json'
    ])
    expect(r.code, r.stderr).toBe(0)
    const out = lastJson<CounterfactualJson>(r.stdout)
    expect(Object.keys(out).sort()).toEqual(
      ['changed', 'distance', 'prediction', 'reached', 'target', 'window'].sort()
    )
    expect(out.reached).toBe(true)
    expect(Math.abs(out.prediction - target)).toBeLessThanOrEqual(0.01 * range)
    expect(relative(out.prediction, outsideForecast(out.window))).toBeLessThan(1e-5)
    let differing = 0
    out.window.forEach((row, t) =>
      row.forEach((v, f) => {
        if (v === original.window[t]![f]) return
        differing += 1
        expect(f, `locked temp_min changed at step ${t}`).not.toBe(1)
      })
    )
    expect(differing).toBe(out.changed.length)
    expect(differing).toBeGreaterThan(0)
    expect(differing).toBeLessThan((STEPS * 3) / 2)
    for (const c of out.changed) {
      expect(c.feature).not.toBe('temp_min')
      expect(c.from).toBe(
        original.window[c.step]![['temp_max', 'temp_min', 'wind'].indexOf(c.feature)]
      )
      expect(c.to).toBe(out.window[c.step]![['temp_max', 'temp_min', 'wind'].indexOf(c.feature)])
    }
  }, 60_000)

  it('counterfactual: an unreachable target says so and returns the closest forecast, still the model’s', async () => {
    const r = await runCli([
      'counterfactual',
      '--run',
      runDir,
      '--index',
      '5',
      '--target',
      '500',
      '--last-steps',
      '2',
      '--json'
    ])
    expect(r.code, r.stderr).toBe(0)
    const out = lastJson<CounterfactualJson>(r.stdout)
    expect(out.reached).toBe(false)
    expect(out.prediction).toBeGreaterThan(original.prediction)
    expect(relative(out.prediction, outsideForecast(out.window))).toBeLessThan(1e-5)
    expect(out.changed.every((c) => c.step >= STEPS - 2)).toBe(true)
  }, 60_000)

  it('names what is wrong in a bad edit', async () => {
    const step = await runCli(['whatif', '--run', runDir, '--set', '40:temp_max=1'])
    expect(step.code).toBe(1)
    expect(step.stderr).toMatch(/Step 40 is outside the window: steps are 0 \(oldest\) to 11/)
    const feature = await runCli(['whatif', '--run', runDir, '--set', '3:rain=1'])
    expect(feature.stderr).toMatch(/No input column "rain".*temp_max, temp_min, wind/)
    const syntax = await runCli(['whatif', '--run', runDir, '--set', '3:temp_max'])
    expect(syntax.code).toBe(2)
    expect(syntax.stderr).toMatch(/not STEP:FEATURE=VALUE/)
  }, 60_000)
})

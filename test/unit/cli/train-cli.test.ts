import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../helpers/cli'
import { datasetPath, tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => ({ dir, cleanup } = await tempDir()))
afterAll(() => cleanup())

describe('npm run cli -- train', () => {
  it('trains on a real CSV and prints one JSON object as the last stdout line', async () => {
    const out = join(dir, 'run')
    const r = await runCli([
      'train',
      '--data',
      datasetPath('co2_mauna_loa_monthly.csv'),
      '--target',
      'co2',
      '--window',
      '24',
      '--horizon',
      '12',
      '--season',
      '12',
      '--epochs',
      '3',
      '--layers',
      '1',
      '--units',
      '6',
      '--dropout',
      '0',
      '--lr',
      '0.01',
      '--missing',
      'interpolate',
      '--out',
      out,
      '--json'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const last = r.stdout.trim().split('\n').at(-1)!
    const json = JSON.parse(last) as Record<string, unknown>
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining([
        'runDir',
        'backend',
        'epochs',
        'history',
        'test',
        'naive',
        'trainSeconds',
        'windowsPerSecond'
      ])
    )
    expect(json['runDir']).toBe(out)
    expect(json['backend']).toBe('wasm')
    expect(json['epochs']).toBe(3)
    expect((json['history'] as unknown[]).length).toBe(3)
    const test = json['test'] as { mse: number; rmse: number; mae: number }
    expect(test.rmse).toBeCloseTo(Math.sqrt(test.mse), 10)
    expect((json['naive'] as { rmse: number }).rmse).toBeGreaterThan(0)
    for (const f of [
      'run.json',
      'history.jsonl',
      'predictions.csv',
      'model/model.json',
      'model/weights.bin'
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true)
    }
  }, 120_000)

  it('explains a test window of that run: --json line, additivity, saved file and CSV', async () => {
    const out = join(dir, 'run')
    const csv = join(dir, 'explanation.csv')
    const r = await runCli([
      'explain',
      '--run',
      out,
      '--method',
      'kernelshap',
      '--level',
      'time',
      '--index',
      '3',
      '--samples',
      '256',
      '--out',
      csv,
      '--json'
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
      method: string
      level: string
      index: number
      prediction: number
      baselinePrediction: number
      attributions: number[]
      stderr: number[]
      additivityGap: number
      modelCalls: number
      seconds: number
      file: string
    }
    expect(json.method).toBe('kernelshap')
    expect(json.level).toBe('time')
    expect(json.index).toBe(3)
    expect(json.attributions).toHaveLength(24)
    expect(json.stderr).toHaveLength(24)
    const sum = json.attributions.reduce((a, b) => a + b, 0)
    expect(Math.abs(sum - (json.prediction - json.baselinePrediction))).toBeLessThan(1e-4)
    expect(Math.abs(json.additivityGap)).toBeLessThan(1e-4)
    expect(json.modelCalls).toBeGreaterThan(256)
    expect(existsSync(json.file)).toBe(true)
    expect(readFileSync(csv, 'utf8').trim().split('\n')).toHaveLength(1 + 24)
  }, 120_000)

  it('rejects a bad argument with one line and exit code 2', async () => {
    const r = await runCli(['train', '--data', 'x.csv', '--target', 'v', '--window', 'ten'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')[0]).toMatch(/--window must be an integer/)
  })

  it('rejects bad data with one line naming the file and exit code 1', async () => {
    const r = await runCli([
      'train',
      '--data',
      datasetPath('sunspots_yearly.csv'),
      '--target',
      'missing_col',
      '--out',
      join(dir, 'bad')
    ])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toEqual([
      'error: sunspots_yearly.csv has no column "missing_col". Columns: sunactivity.'
    ])
  })
})

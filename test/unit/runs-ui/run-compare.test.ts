import { describe, expect, it } from 'vitest'
import { DataConfigSchema } from '../../../src/shared/data-config'
import type { RunSummary } from '../../../src/shared/domain'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import {
  alignPredictions,
  compareSettings,
  shortHash,
  skillVsNaive
} from '../../../src/shared/run-compare'

function summary(over: { data?: object; model?: object; hash?: string }): RunSummary {
  return {
    id: 'r',
    dir: '/r',
    createdAt: '2026-01-01T00:00:00Z',
    status: 'done',
    dataset: { name: 'co2.csv', path: '/co2.csv', ...(over.hash ? { hash: over.hash } : {}) },
    data: DataConfigSchema.parse({ target: 'co2', ...over.data }),
    model: ModelConfigSchema.parse({ ...over.model }),
    backend: null,
    split: null,
    epochsRun: 1,
    evaluation: null,
    trainSeconds: 1,
    windowsPerSecond: 1
  }
}

describe('comparing settings', () => {
  it('marks exactly the settings whose values differ', () => {
    const rows = compareSettings([
      summary({ model: { units: 4 }, hash: 'sha256:abcdef0123456789' }),
      summary({ model: { units: 8 }, hash: 'sha256:abcdef0123456789' }),
      summary({ model: { units: 4, learningRate: 0.01 }, hash: 'sha256:abcdef0123456789' })
    ])
    expect(rows.filter((r) => r.differs).map((r) => r.key)).toEqual(['units', 'learningRate'])
    expect(rows.find((r) => r.key === 'units')?.values).toEqual([4, 8, 4])
    expect(rows.find((r) => r.key === 'datasetHash')?.values).toEqual([
      'abcdef01',
      'abcdef01',
      'abcdef01'
    ])
    expect(rows.find((r) => r.key === 'split')?.values[0]).toBe('70 / 15 / 15')
  })

  it('tells a multi-step run from a single-step one, and shows only calibrated interval levels', () => {
    const m = (rmse: number) => ({ mse: rmse * rmse, rmse, mae: rmse })
    const interval = (level: number) => ({
      level,
      coverage: level,
      coverageByStep: [level],
      halfWidth: [1]
    })
    const multi = {
      ...summary({}),
      data: { ...summary({}).data, multiStep: true },
      evaluation: {
        windows: 3,
        model: m(1),
        naive: m(2),
        seasonalNaive: null,
        intervals: [interval(0.8), interval(0.95)]
      }
    }
    const rows = compareSettings([multi, summary({})])
    expect(rows.find((r) => r.key === 'multiStep')).toMatchObject({
      values: ['multi', 'single'],
      differs: true
    })
    expect(rows.find((r) => r.key === 'intervalLevels')?.values).toEqual(['80 / 95', null])
  })

  it('shortens hashes and reads missing ones as unknown', () => {
    expect(shortHash('sha256:0011223344556677')).toBe('00112233')
    expect(shortHash(undefined)).toBeNull()
  })
})

describe('skill against naive', () => {
  it('is the fraction of the naive RMSE the model removes', () => {
    const m = (rmse: number) => ({ mse: rmse * rmse, rmse, mae: rmse })
    const e = { windows: 3, model: m(1), naive: m(4), seasonalNaive: null }
    expect(skillVsNaive(e)).toBe(0.75)
    expect(skillVsNaive({ ...e, model: m(5) })).toBe(-0.25)
    expect(skillVsNaive({ ...e, naive: m(0) })).toBeNull()
    expect(skillVsNaive(null)).toBeNull()
  })
})

describe('aligning test predictions', () => {
  it('puts runs with different test times on one sorted axis, gaps left empty', () => {
    const a = {
      time: ['2020-02', '2020-03', '2020-04'],
      actual: [2, 3, 4],
      predicted: [2.1, 3.1, 4.1],
      naive: [1, 2, 3]
    }
    const b = { time: ['2020-01', '2020-02'], actual: [1, 2], predicted: [0.9, 1.9], naive: [0, 1] }
    expect(alignPredictions([a, b])).toEqual({
      labels: ['2020-01', '2020-02', '2020-03', '2020-04'],
      actual: [1, 2, 3, 4],
      predicted: [
        [null, 2.1, 3.1, 4.1],
        [0.9, 1.9, null, null]
      ]
    })
  })

  it('sorts row numbers as numbers, not as text', () => {
    const p = {
      time: ['9', '10', '100'],
      actual: [1, 2, 3],
      predicted: [1, 2, 3],
      naive: [1, 2, 3]
    }
    expect(alignPredictions([p]).labels).toEqual(['9', '10', '100'])
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData, type PreparedData } from '../../../src/core/engine/data/prepare'
import { buildModel } from '../../../src/core/engine/model/build-model'
import { withSeededMathRandom } from '../../../src/core/engine/seeded-random'
import { fitModel } from '../../../src/core/engine/train/fit'
import { FastDropout, FusedAdam } from '../../../src/core/kernels'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { ModelConfigSchema } from '../../../src/shared/model-config'
import { testBackend } from '../../helpers/backend'
import { datasetPath } from '../../helpers/paths'

let data: PreparedData

beforeAll(async () => {
  await testBackend()
  const table = await readCsv(datasetPath('sunspots_yearly.csv'))
  data = prepareData(
    table,
    DataConfigSchema.parse({ target: 'sunactivity', window: 12, horizon: 1 })
  )
})

describe('engine training on the fused path (FastDropout, FusedAdam)', () => {
  it("is repeatable with the run's seed; its dropout masks follow that seed", async () => {
    const base = { layers: 2, units: 6, dropout: 0.3, learningRate: 0.01, epochs: 2 }
    const run = async (seed: number, randomSeed = seed): Promise<number[]> => {
      const config = ModelConfigSchema.parse({ ...base, seed })
      const model = buildModel(config, data, 'fused')
      expect(model.layers.filter((l) => l instanceof FastDropout)).toHaveLength(2)
      expect(model.optimizer).toBeInstanceOf(FusedAdam)
      const fit = await withSeededMathRandom(randomSeed, () => fitModel(model, data, config))
      model.dispose()
      return fit.history.map((h) => h.loss)
    }
    const first = await run(5)
    expect(first.every(Number.isFinite)).toBe(true)
    expect(await run(5)).toEqual(first)
    // Same weights, other masks: the dropout masks follow the seeded Math.random.
    expect(await run(5, 6)).not.toEqual(first)
  })
})

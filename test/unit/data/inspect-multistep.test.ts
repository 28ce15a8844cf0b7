import { beforeAll, describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { countWindows, inspectTable } from '../../../src/core/engine/data/inspect'
import { applyMissingPolicy } from '../../../src/core/engine/data/missing'
import { prepareData } from '../../../src/core/engine/data/prepare'
import { getColumn, type Table } from '../../../src/core/engine/data/table'
import { DataConfigSchema, type MissingPolicy } from '../../../src/shared/data-config'
import { DatasetInspectionSchema } from '../../../src/shared/data-inspection'
import { runCli } from '../../helpers/cli'
import { datasetPath } from '../../helpers/paths'

// Monthly CO2 keeps its gaps (missing months): the counts differ by policy and by multi-step.
let co2: Table
beforeAll(async () => {
  co2 = await readCsv(datasetPath('co2_mauna_loa_monthly.csv'))
})

const T = 12
const H = 6
const split = { train: 0.7, validation: 0.15, test: 0.15 }
const policies: MissingPolicy[] = ['skip', 'ffill', 'interpolate']

/** Every window by hand: inputs present after the policy, labels as observed (never filled). */
function bruteForce(
  policy: MissingPolicy,
  multiStep: boolean
): { train: number; validation: number; test: number; skipped: number } {
  const observed = getColumn(co2, 'co2')!.values
  const filled = applyMissingPolicy(observed, policy)
  const rows = observed.length
  const trainEnd = Math.floor(rows * split.train)
  const validationEnd = Math.floor(rows * (split.train + split.validation))
  const out = { train: 0, validation: 0, test: 0, skipped: 0 }
  for (let s = 0; s + T + H <= rows; s++) {
    const target = s + T - 1 + H
    let ok = true
    for (let r = s; r < s + T; r++) if (Number.isNaN(filled[r]!)) ok = false
    const labelRows = multiStep ? Array.from({ length: H }, (_, k) => s + T + k) : [target]
    for (const r of labelRows) if (Number.isNaN(observed[r]!)) ok = false
    if (!ok) out.skipped += 1
    else if (target < trainEnd) out.train += 1
    else if (target < validationEnd) out.validation += 1
    else out.test += 1
  }
  return out
}

describe('window counts for a multi-step model', () => {
  it('match a brute-force enumeration and never exceed the single-step counts', () => {
    expect(getColumn(co2, 'co2')!.values.some(Number.isNaN)).toBe(true)
    let fewer = 0
    for (const policy of policies) {
      const base = { target: 'co2', features: [], window: T, horizon: H, split }
      const single = countWindows(co2, base, policy)
      const multi = countWindows(co2, { ...base, multiStep: true }, policy)
      expect(single).toEqual(bruteForce(policy, false))
      expect(multi).toEqual(bruteForce(policy, true))
      for (const part of ['train', 'validation', 'test'] as const) {
        expect(multi[part]).toBeLessThanOrEqual(single[part])
      }
      const kept = (c: typeof single): number => c.train + c.validation + c.test
      if (kept(multi) < kept(single)) fewer += 1
    }
    // Filling inputs cannot fill labels: on this file every policy loses windows to a missing step.
    expect(fewer).toBe(policies.length)
  })

  it('are what training keeps, and the inspection says they are multi-step', () => {
    const inspection = inspectTable(co2, {
      target: 'co2',
      features: [],
      window: T,
      horizon: H,
      split,
      multiStep: true
    })
    expect(inspection.windowing.multiStep).toBe(true)
    for (const policy of policies) {
      const data = prepareData(
        co2,
        DataConfigSchema.parse({
          target: 'co2',
          window: T,
          horizon: H,
          split,
          missing: policy,
          multiStep: true,
          targetMode: 'level'
        })
      )
      const counts = inspection.windowsByPolicy[policy]
      expect([counts.train, counts.validation, counts.test]).toEqual([
        data.train.n,
        data.validation.n,
        data.test.n
      ])
    }
  })

  it('are what `inspect --multi-step` prints, and the text says so', async () => {
    const args = ['inspect', '--data', datasetPath('co2_mauna_loa_monthly.csv'), '--window', '12']
    const json = await runCli([...args, '--horizon', String(H), '--multi-step', '--json'])
    expect(json.code).toBe(0)
    const facts = DatasetInspectionSchema.parse(JSON.parse(json.stdout.trim().split('\n').pop()!))
    expect(facts.windowing.multiStep).toBe(true)
    // The CLI's fixed 70/15 split, counted by hand.
    expect(facts.windowsByPolicy.skip).toEqual(bruteForce('skip', true))
    const text = await runCli([...args, '--horizon', String(H), '--multi-step'])
    expect(text.stdout).toContain(`Windows of 12 (+1..${H})`)
  })
})

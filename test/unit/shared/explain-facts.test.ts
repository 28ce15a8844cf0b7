/**
 * Facts the Explain view and the exports share, each decided once in
 * src/shared: the exact-enumeration player limit (the engine's), the colours
 * of the deletion curves, and the trust checks' wording.
 */
import { describe, expect, it } from 'vitest'
import { planExplain, zerosBaseline } from '../../../src/explain'
import { deletionSpec } from '../../../src/core/exports/charts/deletion'
import { stepsSpec } from '../../../src/core/exports/charts/steps'
import { NEGATIVE_CSS, POSITIVE_CSS } from '../../../src/shared/diverging-colour'
import { exactAffordable, MAX_EXACT_PLAYERS, playerCount } from '../../../src/shared/explain-limits'
import type { CheckId, Verdict } from '../../../src/shared/explanation-trust'
import { trustSummary } from '../../../src/shared/explanation-trust'
import { TRUST_TEXT_EN, trustSentenceEn } from '../../../src/shared/explanation-trust-text'
import { PALETTE } from '../../../src/shared/palette'
import { fixtureRecord } from '../exports/fixtures'

function exactPlan(players: number) {
  return planExplain({
    method: 'exact',
    level: 'time',
    window: new Float32Array(players),
    shape: { steps: players, features: 1 },
    baseline: zerosBaseline({ steps: players, features: 1 })
  })
}

describe('the exact-enumeration limit', () => {
  it('is where the engine stops: allowed at the limit, refused one above', () => {
    expect(exactAffordable(MAX_EXACT_PLAYERS)).toBe(true)
    expect(exactAffordable(MAX_EXACT_PLAYERS + 1)).toBe(false)
    expect(exactPlan(MAX_EXACT_PLAYERS).total).toBe(2 ** MAX_EXACT_PLAYERS)
    expect(() => exactPlan(MAX_EXACT_PLAYERS + 1)).toThrow(/at most 20 players/)
  })

  it('counts players per level: steps, features, or cells', () => {
    expect(playerCount('time', 12, 3)).toBe(12)
    expect(playerCount('feature', 12, 3)).toBe(3)
    expect(playerCount('cell', 12, 3)).toBe(36)
  })
})

describe('one palette', () => {
  it('gives the deletion and insertion curves their own colours, never the sign colours', () => {
    const curves = [PALETTE.deletion, PALETTE.insertion]
    expect(new Set(curves).size).toBe(2)
    for (const c of curves) expect([POSITIVE_CSS, NEGATIVE_CSS]).not.toContain(c)
  })

  it('is what the exported charts draw with', () => {
    const spec = deletionSpec(fixtureRecord({ level: 'time', withDeletion: true }))!
    const colours = spec.config.data.datasets.map((d) => d.borderColor)
    expect(colours).toEqual([
      PALETTE.deletion,
      PALETTE.deletion,
      PALETTE.insertion,
      PALETTE.insertion
    ])
    const steps = stepsSpec(fixtureRecord({ level: 'time' }))!
    expect(steps.config.data.datasets[0]?.borderColor).toBe(PALETTE.target)
  })
})

describe('trust wording', () => {
  it('has an English sentence for every verdict a record can get', () => {
    const reachable: [CheckId, Verdict][] = []
    for (const method of ['exact', 'kernelshap', 'timeshap', 'lime', 'occlusion', 'ig'] as const) {
      for (const withDeletion of [false, true]) {
        const r = fixtureRecord({ level: 'time', method, withDeletion })
        for (const c of trustSummary(r).checks) reachable.push([c.id, c.verdict])
      }
    }
    for (const [id, verdict] of reachable) {
      if (id === 'additivity' && verdict === 'skipped') continue
      expect(TRUST_TEXT_EN[id][verdict], `${id}.${verdict}`).not.toBe('')
    }
  })

  it('fills the number and the player limit in', () => {
    const text = trustSentenceEn({ id: 'exact', verdict: 'skipped', value: null }, () => '')
    expect(text).toContain(`at most ${MAX_EXACT_PLAYERS} inputs`)
    const ratio = trustSentenceEn({ id: 'seeds', verdict: 'fail', value: 3.2 }, (v, kind) =>
      kind === 'ratio' ? `${v}` : 'wrong kind'
    )
    expect(ratio).toContain('3.2 × the reported standard errors')
  })
})

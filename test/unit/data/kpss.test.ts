import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { kpss } from '../../../src/core/engine/data/kpss'
import { datasetPath } from '../../helpers/paths'

function column(file: string, name: string): number[] {
  const [header, ...rows] = readFileSync(datasetPath(file), 'utf8').trim().split('\n')
  const at = header!.split(',').indexOf(name)
  return rows.map((r) => Number(r.split(',')[at]))
}

// statsmodels' own KPSS tests (statsmodels/tsa/tests/test_stattools.py, TestKPSS) use
// macrodata.realgdp, which is us_macro_quarterly.csv's realgdp, and check against R's tseries
// and SAS 9.3: statistic 5.0169 ('c', 3 lags) and 1.1828 ('ct', 3 lags), p = 0.01 (table end),
// 9 automatic lags for realgdp and 7 for the sunspots, 15 legacy lags for realgdp.
describe('KPSS against published results', () => {
  const realgdp = column('us_macro_quarterly.csv', 'realgdp')

  it('matches statsmodels/R on real GDP (level and trend, 3 lags)', () => {
    const level = kpss(realgdp, 'c', 3)
    expect(level.statistic).toBeCloseTo(5.0169, 3)
    expect(level.pValue).toBe(0.01)
    expect(level.pBeyondTable).toBe(true)
    expect(kpss(realgdp, 'ct', 3).statistic).toBeCloseTo(1.1828, 3)
  })

  it('chooses the lags statsmodels chooses (Hobijn et al. and legacy)', () => {
    expect(realgdp).toHaveLength(203)
    expect(kpss(realgdp, 'c', 'auto').lags).toBe(9)
    expect(kpss(realgdp, 'c', 'legacy').lags).toBe(15)
    const sun = column('sunspots_yearly.csv', 'sunactivity')
    expect(sun).toHaveLength(309)
    expect(kpss(sun, 'c', 'auto').lags).toBe(7)
  })

  it('reduces to the closed form with no lags: η / σ̂² of a known sequence', () => {
    // x = 1, 2, 3, 4: e = −1.5, −0.5, 0.5, 1.5; partial sums −1.5, −2, −1.5, 0 → Σ S² = 8.5;
    // η = 8.5 / 16; σ̂² = Σ e² / n = 5 / 4; statistic = 0.53125 / 1.25 = 0.425.
    expect(kpss([1, 2, 3, 4], 'c', 0).statistic).toBeCloseTo(0.425, 12)
  })
})

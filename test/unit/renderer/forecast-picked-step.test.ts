import { describe, expect, it } from 'vitest'
import type { Predictions } from '../../../src/shared/domain'
import { pickedForecast } from '../../../src/renderer/src/forecast/picked-step'

const MULTI: Predictions = {
  time: ['2001-03', '2001-04'],
  actual: [13, 14],
  predicted: [13.5, 14.5],
  naive: [10, 11],
  steps: 3,
  path: [
    [11.1, 12.1, 13.5],
    [12.2, 13.2, 14.5]
  ],
  pathTime: [
    ['2001-01', '2001-02', '2001-03'],
    ['2001-02', '2001-03', '2001-04']
  ],
  pathActual: [
    [11, 12, 13],
    [12, 13, 14]
  ]
}

describe('the forecast the Explain view shows for a step', () => {
  it('is the chosen step of the window’s path: its time, value and actual', () => {
    expect(pickedForecast(MULTI, 1, 1)).toEqual({
      targetTime: '2001-02',
      forecast: 12.2,
      actual: 12
    })
  })

  it('is the horizon without a chosen step, and agrees with the path’s last step', () => {
    const horizon = pickedForecast(MULTI, 0, '')
    expect(horizon).toEqual({ targetTime: '2001-03', forecast: 13.5, actual: 13 })
    expect(pickedForecast(MULTI, 0, 3)).toEqual(horizon)
  })

  it('falls back to the horizon for a single-step run or a step beyond the path', () => {
    const { path: _p, pathTime: _t, pathActual: _a, steps: _s, ...single } = MULTI
    expect(pickedForecast(single, 1, 2)).toEqual({
      targetTime: '2001-04',
      forecast: 14.5,
      actual: 14
    })
    expect(pickedForecast(MULTI, 1, 9).targetTime).toBe('2001-04')
    expect(pickedForecast(null, 0, '')).toEqual({ targetTime: '', forecast: null, actual: null })
  })
})

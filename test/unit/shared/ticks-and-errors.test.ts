import { describe, expect, it } from 'vitest'
import { UserFacingError } from '../../../src/core/errors'
import { evenTicks } from '../../../src/shared/ticks'
import { toUserError, type CarriesUserError } from '../../../src/shared/user-error'

describe('evenTicks (app charts and exports alike)', () => {
  it('keeps every index when they fit', () => {
    expect(evenTicks(5, 10)).toEqual([0, 1, 2, 3, 4])
    expect(evenTicks(0, 10)).toEqual([])
  })

  it('for every n and max: at most max ticks, evenly spaced, ending at the last index', () => {
    for (let n = 1; n <= 200; n++) {
      for (const max of [1, 2, 5, 10, 14, 40]) {
        const ticks = evenTicks(n, max)
        expect(ticks.length).toBeGreaterThan(0)
        expect(ticks.length).toBeLessThanOrEqual(max)
        expect(ticks.at(-1)).toBe(n - 1)
        expect(ticks[0]).toBeGreaterThanOrEqual(0)
        const gaps = new Set(ticks.slice(1).map((t, i) => t - ticks[i]!))
        expect(gaps.size).toBeLessThanOrEqual(1)
      }
    }
    expect(evenTicks(60, 10)).toEqual([5, 11, 17, 23, 29, 35, 41, 47, 53, 59])
  })
})

describe('toUserError (core, bridge, CLI and renderer alike)', () => {
  it('keeps what a user error says and where, as a plain object', () => {
    const core = new UserFacingError('unknown-column', 'x.csv has no column "v".', {
      file: 'x.csv',
      column: 'v'
    })
    const expected = {
      code: 'unknown-column',
      message: 'x.csv has no column "v".',
      file: 'x.csv',
      column: 'v'
    }
    expect(toUserError(core)).toEqual(expected)
    expect(Object.getPrototypeOf(toUserError(core))).toBe(Object.prototype)
    // The renderer's HostError carries its UserError the same way.
    const carrier: CarriesUserError = { toUserError: () => expected }
    expect(toUserError(carrier)).toEqual(expected)
    expect(toUserError({ ...expected, extra: 1 })).toEqual(expected)
  })

  it('turns anything else into an internal error that keeps its message', () => {
    expect(toUserError(new TypeError('boom'))).toEqual({ code: 'internal', message: 'boom' })
    expect(toUserError('plain text')).toEqual({ code: 'internal', message: 'plain text' })
    expect(toUserError(null)).toEqual({ code: 'internal', message: 'null' })
  })
})

import { describe, expect, it } from 'vitest'
import {
  ExplainInputError,
  cellGrouping,
  featureGrouping,
  groupingFromPlayers,
  makeGrouping,
  maskWindow,
  pruneOlderSteps,
  segmentGrouping,
  sumCells,
  timeGrouping,
  zerosBaseline
} from '../../../src/explain'

const shape = { steps: 4, features: 2 }

function cellsOf(g: { cells: readonly Int32Array[] }): number[][] {
  return g.cells.map((c) => Array.from(c))
}

describe('groupings', () => {
  it('makes one player per step, per feature and per cell', () => {
    expect(cellsOf(timeGrouping(shape))).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
      [6, 7]
    ])
    expect(cellsOf(featureGrouping(shape))).toEqual([
      [0, 2, 4, 6],
      [1, 3, 5, 7]
    ])
    expect(cellsOf(cellGrouping(shape))).toEqual([[0], [1], [2], [3], [4], [5], [6], [7]])
    expect(timeGrouping(shape).players.map((p) => p.label)).toEqual(['t-4', 't-3', 't-2', 't-1'])
    expect(featureGrouping(shape, ['load', 'temp']).players.map((p) => p.label)).toEqual([
      'load',
      'temp'
    ])
  })

  it('cuts segments from the most recent step back, the oldest one short', () => {
    const g = segmentGrouping({ steps: 5, features: 1 }, 2)
    expect(g.players.map((p) => p.steps)).toEqual([[0], [1, 2], [3, 4]])
  })

  it('merges old steps into one pruned player and keeps the rest', () => {
    const pruned = pruneOlderSteps(timeGrouping(shape), 2)
    expect(pruned.players.map((p) => p.steps)).toEqual([[0, 1], [2], [3]])
    expect(pruned.players[0]!.label).toBe('pruned t-4..t-3')
    const features = pruneOlderSteps(featureGrouping(shape), 3)
    expect(cellsOf(features)).toEqual([[0, 1, 2, 3, 4, 5], [6], [7]])
    expect(pruneOlderSteps(timeGrouping(shape), 0)).toEqual(timeGrouping(shape))
  })

  it('rejects overlapping or out-of-window players and a segment level without length', () => {
    expect(() =>
      groupingFromPlayers('segment', shape, [
        { label: 'a', steps: [0, 1], features: [0, 1] },
        { label: 'b', steps: [1, 2], features: [0, 1] }
      ])
    ).toThrow(/overlap/)
    expect(() =>
      groupingFromPlayers('segment', shape, [{ label: 'a', steps: [4], features: [0] }])
    ).toThrow(ExplainInputError)
    expect(() => makeGrouping(shape, { level: 'segment' })).toThrow(/segmentLength/)
    expect(() => timeGrouping({ steps: 0, features: 1 })).toThrow(ExplainInputError)
  })

  it('sums cell values per player', () => {
    expect(sumCells(timeGrouping(shape), [1, 2, 3, 4, 5, 6, 7, 8])).toEqual([3, 7, 11, 15])
  })
})

describe('maskWindow', () => {
  it('keeps present players from x and takes the rest from the baseline', () => {
    const x = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8])
    const w = maskWindow(x, zerosBaseline(shape), timeGrouping(shape), [1, 0, 0, 1])
    expect(Array.from(w)).toEqual([1, 2, 0, 0, 0, 0, 7, 8])
    const f = maskWindow(x, zerosBaseline(shape), featureGrouping(shape), [false, true])
    expect(Array.from(f)).toEqual([0, 2, 0, 4, 0, 6, 0, 8])
  })
})

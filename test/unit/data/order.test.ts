import { describe, expect, it } from 'vitest'
import { checkOrder, groupByTime, mergeColumn } from '../../../src/core/engine/data/order'

describe('order and duplicates', () => {
  const time = Float64Array.from([3, 1, 2, 2, 5, 1])
  const values = Float64Array.from([30, 10, 20, 21, NaN, 11])

  it('finds the first backward step and counts repeated stamps', () => {
    expect(checkOrder(time)).toEqual({ firstBackward: 1, duplicates: 2, firstDuplicate: 3 })
    expect(checkOrder(Float64Array.from([1, 2, 3]))).toEqual({
      firstBackward: -1,
      duplicates: 0,
      firstDuplicate: -1
    })
  })

  it('groups rows by time in order, keeping file order inside a group', () => {
    expect(groupByTime(time).map((g) => Array.from(g))).toEqual([[1, 5], [2, 3], [0], [4]])
  })

  it('keeps the last row of a time, or averages the observed values', () => {
    const groups = groupByTime(time)
    expect(Array.from(mergeColumn(values, groups, 'last'))).toEqual([11, 21, 30, NaN])
    expect(Array.from(mergeColumn(values, groups, 'mean'))).toEqual([10.5, 20.5, 30, NaN])
  })
})

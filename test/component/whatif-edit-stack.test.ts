import { describe, expect, it } from 'vitest'
import {
  applyEdits,
  canUndo,
  effectiveEdits,
  EMPTY_STACK,
  pushBatch,
  replaceLast,
  undo
} from '../../src/renderer/src/explain/whatif/edit-stack'

const columns = ['co2', 'temp']
const original = [
  [1, 10],
  [2, 20],
  [3, 30]
]

describe('what-if edit stack', () => {
  it('undoes one action at a time, however many cells it set, and resets to nothing', () => {
    let stack = pushBatch(EMPTY_STACK, [{ step: 0, feature: 'co2', value: 5 }])
    stack = pushBatch(stack, [
      { step: 1, feature: 'co2', value: 6 },
      { step: 2, feature: 'temp', value: 7 }
    ])
    expect(effectiveEdits(stack, original, columns)).toHaveLength(3)
    stack = undo(stack)
    expect(effectiveEdits(stack, original, columns)).toEqual([
      { step: 0, feature: 'co2', value: 5 }
    ])
    stack = undo(stack)
    expect(canUndo(stack)).toBe(false)
    expect(effectiveEdits(stack, original, columns)).toEqual([])
    // Undo on an empty stack stays empty; an empty action is no action.
    expect(undo(stack).batches).toEqual([])
    expect(pushBatch(stack, []).batches).toHaveLength(0)
  })

  it('a drag replaces its own action as it moves, and undo takes the whole drag back', () => {
    let stack = pushBatch(EMPTY_STACK, [{ step: 1, feature: 'temp', value: 21 }])
    stack = pushBatch(stack, [{ step: 2, feature: 'co2', value: 3.5 }])
    stack = replaceLast(stack, [{ step: 2, feature: 'co2', value: 4 }])
    stack = replaceLast(stack, [{ step: 2, feature: 'co2', value: 4.5 }])
    expect(stack.batches).toHaveLength(2)
    expect(applyEdits(original, columns, effectiveEdits(stack, original, columns))).toEqual([
      [1, 10],
      [2, 21],
      [4.5, 30]
    ])
    expect(effectiveEdits(undo(stack), original, columns)).toEqual([
      { step: 1, feature: 'temp', value: 21 }
    ])
    // replaceLast on an empty stack starts an action.
    expect(replaceLast(EMPTY_STACK, [{ step: 0, feature: 'co2', value: 9 }]).batches).toHaveLength(
      1
    )
  })

  it('the latest action wins for a cell, a cell set back to its original is no edit, in window order', () => {
    let stack = pushBatch(EMPTY_STACK, [{ step: 2, feature: 'temp', value: 99 }])
    stack = pushBatch(stack, [{ step: 0, feature: 'temp', value: 11 }])
    stack = pushBatch(stack, [{ step: 0, feature: 'co2', value: 8 }])
    stack = pushBatch(stack, [{ step: 2, feature: 'temp', value: 30 }])
    expect(effectiveEdits(stack, original, columns)).toEqual([
      { step: 0, feature: 'co2', value: 8 },
      { step: 0, feature: 'temp', value: 11 }
    ])
  })

  it('applies edits to a copy, leaving the original window as it was', () => {
    const copy = original.map((row) => [...row])
    const edited = applyEdits(original, columns, [
      { step: 1, feature: 'temp', value: -1 },
      // Outside the window or an unknown column: not applied here (the engine says why).
      { step: 7, feature: 'co2', value: 1 },
      { step: 0, feature: 'nope', value: 1 }
    ])
    expect(edited).toEqual([
      [1, 10],
      [2, -1],
      [3, 30]
    ])
    expect(original).toEqual(copy)
  })
})

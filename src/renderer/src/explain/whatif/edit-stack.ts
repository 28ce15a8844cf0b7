/**
 * The what-if editor's edits as a stack of user actions (a drag, a typed
 * value, a nudge, an applied counterfactual), so that undo takes back one
 * action however many cells it touched, and reset takes back all of them.
 * Pure and immutable: every operation returns a new stack.
 */
import type { CellEdit, WindowValues } from '@shared/whatif'

/** One user action: the cells it set. */
export type EditBatch = readonly CellEdit[]

export interface EditStack {
  readonly batches: readonly EditBatch[]
}

export const EMPTY_STACK: EditStack = { batches: [] }

export function pushBatch(stack: EditStack, batch: EditBatch): EditStack {
  return batch.length === 0 ? stack : { batches: [...stack.batches, batch] }
}

/** A drag in progress: its latest position replaces the batch it started. */
export function replaceLast(stack: EditStack, batch: EditBatch): EditStack {
  if (stack.batches.length === 0) return pushBatch(stack, batch)
  return { batches: [...stack.batches.slice(0, -1), batch] }
}

export function undo(stack: EditStack): EditStack {
  return { batches: stack.batches.slice(0, -1) }
}

export function canUndo(stack: EditStack): boolean {
  return stack.batches.length > 0
}

/**
 * The cells the stack sets, the latest action winning for a cell, in window
 * order (step, then column). A cell set back to its original value is no
 * edit, so dragging a point back where it was leaves nothing to send.
 */
export function effectiveEdits(
  stack: EditStack,
  original: WindowValues,
  columns: readonly string[]
): CellEdit[] {
  const latest = new Map<string, CellEdit>()
  for (const batch of stack.batches) {
    for (const edit of batch) latest.set(`${edit.step}\u0000${edit.feature}`, edit)
  }
  const key = (e: CellEdit): number => e.step * columns.length + columns.indexOf(e.feature)
  return [...latest.values()]
    .filter((e) => original[e.step]?.[columns.indexOf(e.feature)] !== e.value)
    .sort((a, b) => key(a) - key(b))
}

/**
 * The window the user sees while the engine computes its forecast: the
 * original with the edits applied (edits outside the window are ignored here;
 * the engine rejects them with a message).
 */
export function applyEdits(
  original: WindowValues,
  columns: readonly string[],
  edits: readonly CellEdit[]
): WindowValues {
  const window = original.map((row) => [...row])
  for (const edit of edits) {
    const row = window[edit.step]
    const column = columns.indexOf(edit.feature)
    if (row && column >= 0 && column < row.length) row[column] = edit.value
  }
  return window
}

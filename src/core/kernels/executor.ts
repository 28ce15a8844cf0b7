// Runs a batch of independent kernel calls: in order on this thread, or spread over the
// worker pool (threads.ts) when one is running. Callers split the batch so each call works on
// its own rows and its own scratch.
import type { KernelExports } from './runtime'

export type KernelName =
  'lstmForward' | 'lstmBackward' | 'gruForward' | 'gruBackward' | 'lstmStackBlocks'

export interface KernelCall {
  readonly fn: KernelName
  readonly args: readonly number[]
}

export interface Executor {
  /** Number of parts a batch of nb rows should be split into. */
  parts(nb: number): number
  /** Runs every call; returns when all are done. */
  run(exports: KernelExports, calls: readonly KernelCall[]): void
}

export const serialExecutor: Executor = {
  parts: () => 1,
  run(exports, calls) {
    for (const call of calls) exports[call.fn](...call.args)
  }
}

let current: Executor = serialExecutor

export function executor(): Executor {
  return current
}

export function setExecutor(next: Executor): void {
  current = next
}

/** Splits nb rows into at most `parts` contiguous [start, count] ranges of near-equal size. */
export function splitRows(nb: number, parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, nb))
  const out: Array<[number, number]> = []
  let start = 0
  for (let i = 0; i < n; i++) {
    const count = Math.floor(nb / n) + (i < nb % n ? 1 : 0)
    out.push([start, count])
    start += count
  }
  return out
}

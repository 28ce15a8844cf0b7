/**
 * Importance by lag now against "today" in issue #14's sense: the code at the issue's filing
 * (issue-baseline.ts) and this checkout, each in fresh processes, alternating (then, now, then,
 * now) so a drift in the machine's speed hits both. Also checks that both compute the same
 * importance values.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { issueBaseline, ISSUE_14_FILED } from './issue-baseline'

export type ImportanceThenNow =
  | {
      readonly commit: string
      /** Median seconds of the timed runs on each side. */
      readonly then: number
      readonly now: number
      readonly runs: { readonly then: number[]; readonly now: number[] }
      /** Largest |now − then| / max |then| of the time-level importance values. */
      readonly valuesDiffer: number
    }
  | { readonly absent: string }

interface ChildResult {
  readonly seconds: number[]
  readonly byLag: number[]
}

function child(root: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', resolve(__dirname, 'importance-child.ts'), root],
    { encoding: 'utf8', maxBuffer: 1 << 22, cwd: root }
  )
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function importanceThenNow(quick: boolean): ImportanceThenNow {
  const baseline = issueBaseline()
  if ('absent' in baseline) return baseline
  const here = resolve(__dirname, '..')
  const then: ChildResult[] = []
  const now: ChildResult[] = []
  for (let round = 0; round < (quick ? 1 : 2); round++) {
    then.push(child(baseline.root))
    now.push(child(here))
  }
  const a = then[0]?.byLag ?? []
  const b = now[0]?.byLag ?? []
  const scale = Math.max(...a.map(Math.abs))
  const diff = a.length === b.length ? Math.max(...a.map((v, i) => Math.abs(v - b[i]!))) : Infinity
  return {
    commit: ISSUE_14_FILED.slice(0, 7),
    then: median(then.flatMap((r) => r.seconds)),
    now: median(now.flatMap((r) => r.seconds)),
    runs: { then: then.flatMap((r) => r.seconds), now: now.flatMap((r) => r.seconds) },
    valuesDiffer: diff / scale
  }
}

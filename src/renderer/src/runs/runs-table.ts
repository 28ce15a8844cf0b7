/** Filtering and sorting the runs list (pure, so the rules are tested on their own). */
import { assertNever } from '@shared/assert-never'
import type { RunStatus } from '@shared/domain'
import type { RunListItem } from '@shared/run-admin'
import { shortHash } from '@shared/run-compare'

export const SORT_KEYS = ['created', 'status', 'bestValLoss', 'rmse', 'duration'] as const
export type SortKey = (typeof SORT_KEYS)[number]

/** 'damaged': runs whose folder cannot be used as it is (weights missing, paths leaving it…). */
export type StatusFilter = RunStatus | 'damaged' | 'all'

export interface RunsQuery {
  text: string
  status: StatusFilter
  sort: SortKey
  descending: boolean
}

export function defaultQuery(): RunsQuery {
  return { text: '', status: 'all', sort: 'created', descending: true }
}

/** What the filter text is matched against. */
function haystack(run: RunListItem): string {
  return [
    run.name,
    run.notes,
    run.id,
    run.dataset.name,
    shortHash(run.dataset.hash),
    run.data.target,
    ...run.data.features,
    `${run.model.cell} ${run.model.layers}×${run.model.units}`,
    run.backend?.name,
    run.status,
    run.damage
  ]
    .filter((s): s is string => typeof s === 'string')
    .join('\n')
    .toLowerCase()
}

function sortValue(run: RunListItem, key: SortKey): number | string | null {
  switch (key) {
    case 'created':
      return run.createdAt
    case 'status':
      return run.status
    case 'bestValLoss':
      return run.best?.valLoss ?? null
    case 'rmse':
      return run.evaluation?.model.rmse ?? null
    case 'duration':
      return run.trainSeconds
    default:
      return assertNever(key)
  }
}

/** The runs that match, sorted; runs without a value for the sort key come last either way. */
export function queryRuns(items: readonly RunListItem[], query: RunsQuery): RunListItem[] {
  const words = query.text.toLowerCase().split(/\s+/).filter(Boolean)
  const kept = items.filter(
    (run) =>
      (query.status === 'all' ||
        (query.status === 'damaged' ? run.damage !== undefined : run.status === query.status)) &&
      words.every((w) => haystack(run).includes(w))
  )
  const sign = query.descending ? -1 : 1
  return kept
    .map((run, i) => ({ run, i, v: sortValue(run, query.sort) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1
      const c = a.v < b.v ? -1 : a.v > b.v ? 1 : 0
      return c === 0 ? a.i - b.i : sign * c
    })
    .map((e) => e.run)
}

/**
 * Pages of a dataset's rows, fetched from the engine as the table scrolls and
 * kept in a small cache (most recently used last), so scrolling back is
 * instant and memory stays bounded however far the user goes.
 */
import { shallowReactive } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { UserError } from '@shared/domain'
import type { RowPage } from '@shared/row-page'
import { toUserError } from '../host/host-error'

export const PAGE_ROWS = 100
const CACHE_PAGES = 24

export interface RowSource {
  datasetId: string
  timeColumn: string | null | undefined
}

export function useRowPages(host: HindsightApi) {
  const pages = shallowReactive(new Map<number, RowPage>())
  const state = shallowReactive<{ error: UserError | null }>({ error: null })
  const inFlight = new Set<number>()
  let source: RowSource | null = null
  let generation = 0

  /** A new dataset (or time column): forget every page. */
  function reset(next: RowSource): void {
    source = next
    generation += 1
    pages.clear()
    inFlight.clear()
    state.error = null
  }

  function remember(index: number, page: RowPage): void {
    pages.delete(index)
    pages.set(index, page)
    while (pages.size > CACHE_PAGES) pages.delete(pages.keys().next().value!)
  }

  /** Fetch the pages not yet here; each page is asked for once at a time. */
  function want(indexes: readonly number[]): void {
    const from = source
    if (!from) return
    for (const index of indexes) {
      const cached = pages.get(index)
      if (cached) {
        remember(index, cached)
        continue
      }
      if (inFlight.has(index)) continue
      inFlight.add(index)
      const asked = generation
      host
        .datasetRows({
          datasetId: from.datasetId,
          ...(from.timeColumn === undefined ? {} : { timeColumn: from.timeColumn }),
          start: index * PAGE_ROWS,
          count: PAGE_ROWS
        })
        .then(
          (page) => {
            if (asked === generation) remember(index, page)
          },
          (error: unknown) => {
            if (asked === generation) state.error = toUserError(error)
          }
        )
        .finally(() => {
          if (asked === generation) inFlight.delete(index)
        })
    }
  }

  /** Row `row`'s page, when it is here. */
  function pageOf(row: number): RowPage | undefined {
    return pages.get(Math.floor(row / PAGE_ROWS))
  }

  return { pages, state, reset, want, pageOf }
}

/**
 * A zoomed series chart's detail: the visible rows, decimated by the engine
 * (LTTB) at the chart's pixel width, asked for once the zoom or pan settles.
 * Only the latest answer is kept; resetting the zoom drops it.
 */
import { shallowRef } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { Series } from '@shared/domain'

const SETTLE_MS = 120

export interface DetailSource {
  datasetId: string
  timeColumn: string | null | undefined
  columns: string[]
}

export function useSeriesDetail(host: HindsightApi, source: () => DetailSource | null) {
  const detail = shallowRef<Series | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let asked = 0

  function clear(): void {
    asked += 1
    if (timer) clearTimeout(timer)
    timer = null
    detail.value = null
  }

  /** Rows from..to are visible on a plot `pixels` wide: fetch them at that resolution. */
  function request(from: number, to: number, pixels: number): void {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      const s = source()
      if (!s) return
      const ticket = ++asked
      host
        .datasetSeries({
          datasetId: s.datasetId,
          columns: s.columns,
          ...(s.timeColumn === undefined ? {} : { timeColumn: s.timeColumn }),
          maxPoints: Math.max(10, Math.min(4000, Math.round(pixels))),
          from: Math.max(0, Math.floor(from)),
          to: Math.max(0, Math.ceil(to))
        })
        .then(
          (series) => {
            if (ticket === asked) detail.value = series
          },
          // The overview stays drawn; a failed detail only means less resolution.
          () => undefined
        )
    }, SETTLE_MS)
  }

  return { detail, request, clear }
}

/**
 * Rows out of time order and repeated timestamps: found, then (when the user
 * chooses) sorted and merged. Sorting is stable, so rows that share a
 * timestamp keep their file order and "keep the last" means the last in the file.
 */
export type DuplicatePolicy = 'last' | 'mean'

export interface OrderReport {
  /** Row (0-based) of the first stamp earlier than the one before it, or -1. */
  readonly firstBackward: number
  /** Rows whose stamp equals an earlier row's (after sorting). */
  readonly duplicates: number
  /** Row (0-based, file order) of the first repeated stamp, or -1. */
  readonly firstDuplicate: number
}

export function checkOrder(time: Float64Array): OrderReport {
  let firstBackward = -1
  for (let i = 1; i < time.length && firstBackward < 0; i++) {
    if (time[i]! < time[i - 1]!) firstBackward = i
  }
  const order = firstBackward < 0 ? null : sortOrder(time)
  let duplicates = 0
  let firstDuplicate = -1
  for (let k = 1; k < time.length; k++) {
    const i = order ? order[k]! : k
    const prev = order ? order[k - 1]! : k - 1
    if (time[i] === time[prev]) {
      duplicates += 1
      const later = Math.max(i, prev)
      if (firstDuplicate < 0 || later < firstDuplicate) firstDuplicate = later
    }
  }
  return { firstBackward, duplicates, firstDuplicate }
}

/** Row indices in time order (stable). */
export function sortOrder(time: Float64Array): Int32Array {
  const idx = Array.from({ length: time.length }, (_, i) => i)
  idx.sort((a, b) => time[a]! - time[b]! || a - b)
  return Int32Array.from(idx)
}

/**
 * Groups of input rows, one per output row, in time order: each group holds
 * the rows that share a timestamp (a single row unless there are duplicates).
 */
export function groupByTime(time: Float64Array): Int32Array[] {
  const order = sortOrder(time)
  const groups: Int32Array[] = []
  let start = 0
  for (let k = 1; k <= order.length; k++) {
    if (k === order.length || time[order[k]!] !== time[order[start]!]) {
      groups.push(order.slice(start, k))
      start = k
    }
  }
  return groups
}

/**
 * One column after sorting and merging: per group, the last row's value or
 * the mean of the group's observed values (NaN when none is observed).
 */
export function mergeColumn(
  values: Float64Array,
  groups: readonly Int32Array[],
  policy: DuplicatePolicy
): Float64Array {
  const out = new Float64Array(groups.length)
  for (let g = 0; g < groups.length; g++) {
    const rows = groups[g]!
    if (policy === 'last' || rows.length === 1) {
      out[g] = values[rows[rows.length - 1]!]!
      continue
    }
    let sum = 0
    let n = 0
    for (const r of rows) {
      const v = values[r]!
      if (!Number.isNaN(v)) {
        sum += v
        n += 1
      }
    }
    out[g] = n > 0 ? sum / n : NaN
  }
  return out
}

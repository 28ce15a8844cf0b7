/**
 * Largest-Triangle-Three-Buckets decimation (Steinarsson, 2013): the rows of a
 * range that keep a line's shape at a chart's pixel width. The first and last
 * rows stay; each bucket in between keeps the row whose triangle with the
 * previous pick and the next bucket's mean is largest. Missing values (NaN)
 * never win a bucket, but a bucket holding one also keeps its first missing
 * row, so the chart's line breaks there instead of bridging the gap. Those
 * breaks take room from the buckets (down to half of them), so that the
 * rows stay about `points`.
 */
export function lttbRows(values: Float64Array, from: number, to: number, points: number): number[] {
  const n = to - from + 1
  if (n <= 0) return []
  if (n <= Math.max(points, 3)) return Array.from({ length: n }, (_, i) => from + i)
  const buckets = bucketCount(values, from, n, Math.max(1, points - 2))
  const size = (n - 2) / buckets
  const out: number[] = [from]
  let previous = from
  for (let b = 0; b < buckets; b++) {
    const start = from + 1 + Math.floor(b * size)
    const end = Math.min(to, from + 1 + Math.floor((b + 1) * size))
    // The next bucket's mean point (the last row for the final bucket).
    const nextStart = end
    const nextEnd = Math.min(to + 1, from + 1 + Math.floor((b + 2) * size))
    let meanX = 0
    let meanY = 0
    let count = 0
    for (let i = nextStart; i < Math.max(nextEnd, nextStart + 1) && i <= to; i++) {
      const v = values[i]!
      if (Number.isNaN(v)) continue
      meanX += i
      meanY += v
      count += 1
    }
    if (count > 0) {
      meanX /= count
      meanY /= count
    } else {
      meanX = nextStart
      meanY = Number.isNaN(values[previous]!) ? 0 : values[previous]!
    }
    const px = previous
    const py = Number.isNaN(values[previous]!) ? meanY : values[previous]!
    let best = -1
    let bestArea = -1
    let firstMissing = -1
    for (let i = start; i < end; i++) {
      const v = values[i]!
      if (Number.isNaN(v)) {
        if (firstMissing < 0) firstMissing = i
        continue
      }
      const area = Math.abs((px - meanX) * (v - py) - (px - i) * (meanY - py))
      if (area > bestArea) {
        bestArea = area
        best = i
      }
    }
    if (firstMissing >= 0 && (best < 0 || firstMissing < best)) out.push(firstMissing)
    if (best >= 0) {
      out.push(best)
      previous = best
    }
    if (firstMissing >= 0 && best >= 0 && firstMissing > best) out.push(firstMissing)
    if (best < 0 && firstMissing >= 0) previous = firstMissing
  }
  out.push(to)
  return out
}

/** Buckets for `wanted` picks, less one for each bucket a missing value would add a break to. */
function bucketCount(values: Float64Array, from: number, n: number, wanted: number): number {
  const size = (n - 2) / wanted
  let withGap = 0
  let bucket = -1
  for (let i = 1; i < n - 1; i++) {
    if (!Number.isNaN(values[from + i]!)) continue
    const b = Math.floor((i - 1) / size)
    if (b !== bucket) {
      withGap += 1
      bucket = b
    }
  }
  return Math.max(Math.ceil(wanted / 2), wanted - withGap)
}

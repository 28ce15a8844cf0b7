/**
 * At most `max` evenly spaced indices of 0..n−1, always including the last
 * (the step nearest the forecast). The one tick rule for the app's charts and
 * the exported ones, so both label the same steps.
 */
export function evenTicks(n: number, max: number): number[] {
  if (n <= 0) return []
  const step = Math.max(1, Math.ceil(n / Math.max(1, max)))
  const out: number[] = []
  for (let i = (n - 1) % step; i < n; i += step) out.push(i)
  return out
}

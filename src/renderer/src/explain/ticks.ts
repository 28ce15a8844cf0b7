/** Up to `max` evenly spaced integer positions in [0, n − 1], always ending at the last. */
export function evenTicks(n: number, max: number): number[] {
  if (n <= 0) return []
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  const step = Math.ceil((n - 1) / (max - 1))
  const ticks: number[] = []
  for (let i = n - 1; i >= 0; i -= step) ticks.unshift(i)
  return ticks
}

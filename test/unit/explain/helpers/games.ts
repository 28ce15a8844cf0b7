import type { Baseline, Game, Grouping } from '../../../../src/explain'

/** Shapley values by averaging marginal contributions over all M! orders: an independent reference. */
export function shapleyByPermutations(v: (set: number) => number, m: number): number[] {
  const phi = new Array<number>(m).fill(0)
  let orders = 0
  const visit = (order: number[], used: number): void => {
    if (order.length === m) {
      orders++
      let set = 0
      for (const p of order) {
        phi[p]! += v(set | (1 << p)) - v(set)
        set |= 1 << p
      }
      return
    }
    for (let p = 0; p < m; p++) {
      if ((used & (1 << p)) === 0) visit([...order, p], used | (1 << p))
    }
  }
  visit([], 0)
  return phi.map((s) => s / orders)
}

export function game(x: Float32Array, baseline: Baseline, grouping: Grouping): Game {
  return { x, baseline, grouping }
}

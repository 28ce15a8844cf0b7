import type { Grouping } from './grouping'
import { sumCells } from './grouping'
import type { Attribution } from './types'

/**
 * Values of `attribution` on another grouping's players: each player's value
 * is spread evenly over its cells, then cells are summed per target player.
 * Exact when every source player lies inside one target player (a time step
 * onto its segment); for TimeSHAP it spreads the pruned block evenly over its steps.
 */
export function projectToGrouping(attribution: Attribution, grouping: Grouping): number[] {
  const { steps, features } = attribution.shape
  const cells = new Float64Array(steps * features)
  attribution.players.forEach((player, p) => {
    const share = attribution.values[p]! / (player.steps.length * player.features.length)
    for (const t of player.steps) {
      for (const f of player.features) cells[t * features + f]! += share
    }
  })
  return sumCells(grouping, cells)
}

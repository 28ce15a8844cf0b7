/**
 * Limits of the explainers that the app's forms and the engine share, so the
 * renderer warns and refuses exactly where the engine would.
 */
import { MAX_EXACT_PLAYERS } from '../explain/shapley-exact'
import type { ExplainLevel } from './explanation'

/** Exact Shapley values enumerate 2^players coalitions: the engine refuses above this. */
export { MAX_EXACT_PLAYERS }

/** How many players a job has: steps (time level), features, or cells. */
export function playerCount(level: ExplainLevel, steps: number, features: number): number {
  if (level === 'time') return steps
  if (level === 'feature') return features
  return steps * features
}

/** Whether exact Shapley values can be computed for this many players. */
export function exactAffordable(players: number): boolean {
  return players >= 1 && players <= MAX_EXACT_PLAYERS
}

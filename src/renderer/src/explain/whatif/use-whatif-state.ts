/**
 * The what-if editor, the counterfactual and the scenario list of one explain
 * session, kept with that session (like the session itself, outside the view):
 * leaving the Explain view and coming back finds the edits, the undo history
 * and the counterfactual as the user left them. What the view knows (the open
 * run, the picked forecast's numbers) is handed in on each visit.
 */
import { computed, effectScope, shallowReactive } from 'vue'
import type { HindsightApi } from '@shared/api'
import type { ExplainSession } from '../session'
import { useCounterfactual } from './use-counterfactual'
import { useScenarios } from './use-scenarios'
import type { WhatIfWindow } from './use-whatif'
import { useWhatIf } from './use-whatif'

export interface WhatIfInputs {
  runId: string | null
  /** The picked forecast as the run's predictions hold it (until the engine recomputes it). */
  forecast: number | null
}

function createWhatIfState(host: HindsightApi, session: ExplainSession) {
  const inputs = shallowReactive<WhatIfInputs>({ runId: null, forecast: null })
  const s = session.state
  /** The explanation's window for this forecast when there is one, else the cost plan's. */
  const window = computed<(WhatIfWindow & { targetTime: string }) | null>(() => {
    const r = s.record
    if (r && r.index === s.index) {
      return {
        time: r.window.time,
        values: r.window.values,
        features: r.features,
        targetTime: r.targetTime
      }
    }
    return s.plan?.window ?? null
  })
  const source = { runId: () => inputs.runId, index: () => s.index }
  const whatIf = useWhatIf(host, {
    ...source,
    window: () => window.value,
    originalForecast: () => inputs.forecast
  })
  const counterfactual = useCounterfactual(host, { ...source, exclusive: whatIf.exclusive })
  const scenarios = useScenarios(host, source.runId)
  return { inputs, window, whatIf, counterfactual, scenarios }
}

export type WhatIfState = ReturnType<typeof createWhatIfState>

const states = new WeakMap<ExplainSession, WhatIfState>()

export function useWhatIfState(host: HindsightApi, session: ExplainSession): WhatIfState {
  let state = states.get(session)
  if (!state) {
    // Detached: the view's unmount must not stop its watchers.
    state = effectScope(true).run(() => createWhatIfState(host, session))!
    states.set(session, state)
  }
  return state
}

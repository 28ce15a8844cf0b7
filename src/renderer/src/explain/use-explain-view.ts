/**
 * What the Explain view's panels share: the open run, its test forecasts, the
 * one explain session (kept across visits), and the picked forecast.
 */
import { computed } from 'vue'
import { useHost } from '../host'
import { useStore } from '../state/store'
import { useExplainSession } from './session'
import { pickedForecast } from '../forecast/picked-step'

export function useExplainView() {
  const { state, actions } = useStore()
  const host = useHost()

  const summary = computed(() => state.result?.summary ?? null)
  const predictions = computed(() => state.result?.predictions ?? null)
  const count = computed(() => predictions.value?.time.length ?? 0)

  const session = useExplainSession(host, state, {
    runId: () => {
      const result = state.result
      return result && (result.predictions?.time.length ?? 0) > 0 ? result.summary.id : null
    },
    targetMode: () => state.result?.summary.data.targetMode ?? 'level'
  })
  const s = session.state

  // At the step being explained (multi-step runs), else at the horizon.
  const picked = computed(() => pickedForecast(predictions.value, s.index, s.form.step))
  const targetTime = computed(() => picked.value.targetTime)
  const forecast = computed(() => picked.value.forecast)
  const actual = computed(() => picked.value.actual)

  return {
    store: state,
    navigate: actions.navigate,
    summary,
    predictions,
    count,
    session,
    targetTime,
    forecast,
    actual,
    steps: computed(() => summary.value?.data.window ?? 0),
    features: computed(() => 1 + (summary.value?.data.features.length ?? 0)),
    changeModel: computed(() => summary.value?.data.targetMode === 'change')
  }
}

/**
 * How far the engine has read the file being opened, and a way to stop it:
 * the dataset open before stays open, so cancelling loses nothing.
 */
import { onBeforeUnmount, onMounted, reactive } from 'vue'
import type { ReadProgress } from '@shared/ipc-contract'
import { useHost } from '../host'
import { useStore } from '../state/store'
import { uploadSent } from '../state/useDatasets'

const RETRY_MS = 200

export function useOpenProgress(): {
  progress: { current: ReadProgress | null; cancelling: boolean }
  cancel: () => Promise<void>
} {
  const host = useHost()
  const { state } = useStore()
  const progress = reactive<{ current: ReadProgress | null; cancelling: boolean }>({
    current: null,
    cancelling: false
  })
  let off: (() => void) | null = null
  onMounted(() => {
    off = host.on('dataset:progress', (p) => {
      // Progress after the open ended (a late event) is not shown.
      progress.current = state.opening ? p : null
    })
  })
  onBeforeUnmount(() => off?.())

  /**
   * Ask the host to stop the open. An upload still on its way has nothing to
   * stop yet, so keep asking (every RETRY_MS) until the host stops it or the
   * open ends by itself.
   */
  async function cancel(): Promise<void> {
    progress.cancelling = true
    try {
      await uploadSent()
      while (state.opening) {
        if ((await host.cancelOpen()).cancelled) return
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
      }
    } finally {
      progress.cancelling = false
    }
  }
  return { progress, cancel }
}

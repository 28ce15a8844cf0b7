/**
 * How far the engine has read the file being opened, and a way to stop it:
 * the dataset open before stays open, so cancelling loses nothing.
 */
import { onBeforeUnmount, onMounted, reactive } from 'vue'
import type { ReadProgress } from '@shared/ipc-contract'
import { useHost } from '../host'
import { useStore } from '../state/store'

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

  async function cancel(): Promise<void> {
    progress.cancelling = true
    try {
      await host.cancelOpen()
    } finally {
      progress.cancelling = false
    }
  }
  return { progress, cancel }
}

/**
 * How far the engine has read the file being opened, and a way to stop it:
 * the dataset open before stays open, so cancelling loses nothing.
 */
import { onBeforeUnmount, onMounted, reactive } from 'vue'
import type { ReadProgress } from '@shared/ipc-contract'
import { useHost } from '../host'
import { useStore } from '../state/store'
import { cancelUpload } from './chunked-upload'

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
   * Stop the open: an upload still on its way stops sending (and has the host
   * drop what it got); a file being read is stopped by the host, asked again
   * (every RETRY_MS) until it has something to stop or the open ends by itself.
   */
  async function cancel(): Promise<void> {
    progress.cancelling = true
    try {
      cancelUpload()
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

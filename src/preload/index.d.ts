import type { HindsightApi } from '../shared/api'

declare global {
  interface Window {
    /** Present in the Electron app (the preload); absent in browser mode. */
    readonly hindsight?: HindsightApi
  }
}

export {}

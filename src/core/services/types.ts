import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  ParsedReq,
  Res
} from '../../shared/ipc-contract'
import type { EngineEvent, EngineRequest } from '../../shared/engine-protocol'

/** One function per contract channel; IPC handlers and the WebSocket bridge both call these. */
export type Handlers = { [C in InvokeChannel]: (req: ParsedReq<C>) => Promise<Res<C>> }

export type EventListener = <E extends EventChannel>(event: E, payload: EventPayload<E>) => void

/** A running engine process, whichever way it was started (utilityProcess or child_process). */
export interface EngineChannel {
  send(message: EngineRequest): void
  onMessage(listener: (message: EngineEvent) => void): void
  /** Called once when the process ends, however it ends. */
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void
  kill(): void
}

export type SpawnEngine = () => EngineChannel

export interface ServicesOptions {
  /** Folder that holds runs/ and datasets/ (uploaded copies). */
  workspaceDir: string
  /** Folder of the bundled sample CSV. */
  samplesDir: string
  /** Which face the services serve; only the browser mode may not open files by path. */
  host: 'electron' | 'browser' | 'cli'
  version: string
  spawnEngine: SpawnEngine
  /**
   * Where a run's folder is. Default: `<workspace>/runs/<runId>`, for run ids
   * that cannot leave the workspace. The CLI points it at `--out` or `--run`.
   */
  runDirOf?: (runId: string) => string
  /** Native open dialog; absent in browser mode. Resolves to a path or null when dismissed. */
  showOpenDialog?: () => Promise<string | null>
}

export interface Services {
  readonly handlers: Handlers
  /** Subscribe to every contract event; returns an unsubscribe function. */
  onEvent(listener: EventListener): () => void
  dispose(): Promise<void>
}

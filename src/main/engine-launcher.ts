/**
 * Starts the engine in an Electron utilityProcess: the same entry
 * (out/main/engine.js) that the CLI and browser mode start with
 * child_process.fork. Messages are checked against the engine protocol on the
 * way in; a crash only ends this channel (the services respawn on demand).
 */
import { utilityProcess } from 'electron'
import { EngineEventSchema } from '../shared/engine-protocol'
import type { EngineEvent, EngineRequest } from '../shared/engine-protocol'
import type { EngineChannel, SpawnEngine } from '../core/services/types'

type ExitInfo = { code: number | null; signal: string | null }

/** The parts of Electron's UtilityProcess used here. */
export interface UtilityChild {
  postMessage(message: unknown): void
  on(event: 'message', listener: (message: unknown) => void): unknown
  on(event: 'exit', listener: (code: number) => void): unknown
  on(event: 'error', listener: (type: 'FatalError', location: string) => void): unknown
  kill(): boolean
}

/** Adapts a utilityProcess child to an EngineChannel (pure, so it can be unit tested). */
export function toEngineChannel(child: UtilityChild): EngineChannel {
  const messageListeners: ((message: EngineEvent) => void)[] = []
  const exitListeners: ((info: ExitInfo) => void)[] = []
  let exited: ExitInfo | null = null

  child.on('message', (raw: unknown) => {
    const parsed = EngineEventSchema.safeParse(raw)
    if (!parsed.success) {
      console.error(
        `[engine] dropped a message that is not in the protocol: ${parsed.error.message}`
      )
      return
    }
    for (const listener of messageListeners) listener(parsed.data)
  })
  child.on('error', (type, location) => {
    console.error(`[engine] ${type} at ${location}`)
  })
  child.on('exit', (code) => {
    const info: ExitInfo = { code, signal: null }
    exited = info
    for (const listener of exitListeners.splice(0)) listener(info)
  })

  return {
    send(message: EngineRequest): void {
      if (exited === null) child.postMessage(message)
    },
    onMessage(listener): void {
      messageListeners.push(listener)
    },
    onExit(listener): void {
      if (exited !== null) listener(exited)
      else exitListeners.push(listener)
    },
    kill(): void {
      if (exited === null) child.kill()
    }
  }
}

/** A SpawnEngine for the Electron app; `entry` is the built engine bundle. */
export function utilityProcessEngine(entry: string): SpawnEngine {
  return () =>
    toEngineChannel(
      utilityProcess.fork(entry, [], {
        serviceName: 'Hindsight engine',
        stdio: 'inherit'
      })
    )
}

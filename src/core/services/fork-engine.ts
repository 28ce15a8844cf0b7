import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { EngineEventSchema } from '../../shared/engine-protocol'
import type { EngineChannel } from './types'

/** The engine a fork starts: a file, and the Node flags it needs. */
export interface EngineEntry {
  path: string
  execArgv: string[]
}

/**
 * Where the engine is, seen from the module at `moduleUrl` (this file, or the
 * bundle it was built into). From sources, the TypeScript entry through tsx.
 * Built, always the engine bundle Electron loads (out/main/engine.js), so the
 * browser mode and its e2e run the very bundle the app ships: next to this
 * code when it is bundled into out/main, one folder over from out/bridge.
 */
export function engineEntry(moduleUrl: string = import.meta.url): EngineEntry {
  const at = (relative: string): string => fileURLToPath(new URL(relative, moduleUrl))
  const source = at('../engine/entry.ts')
  if (existsSync(source)) return { path: source, execArgv: ['--import', 'tsx'] }
  const built = [at('./engine.js'), at('../main/engine.js')]
  const path = built.find((candidate) => existsSync(candidate))
  if (path) return { path, execArgv: [] }
  throw new Error(
    `The engine bundle is missing (looked for ${built.join(' and ')}); build it with \`npx electron-vite build\`.`
  )
}

/** Start the engine with child_process.fork (browser mode, tests). */
export function forkEngine(env: NodeJS.ProcessEnv = process.env): EngineChannel {
  const entry = engineEntry()
  const child = fork(entry.path, [], {
    execArgv: entry.execArgv,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  return {
    send: (message) => {
      if (child.connected) child.send(message)
    },
    onMessage: (listener) =>
      child.on('message', (raw) => {
        const parsed = EngineEventSchema.safeParse(raw)
        if (parsed.success) listener(parsed.data)
        else
          process.stderr.write(
            `hindsight: ignored a malformed engine message: ${parsed.error.message}\n`
          )
      }),
    onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
    kill: () => {
      child.kill()
    }
  }
}

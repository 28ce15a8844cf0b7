import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { EngineEventSchema } from '../../shared/engine-protocol'
import type { EngineChannel } from './types'

/**
 * Start the engine with child_process.fork (browser mode, CLI, tests). From
 * sources the TypeScript entry runs through tsx; from a build, the bundled one.
 */
export function forkEngine(env: NodeJS.ProcessEnv = process.env): EngineChannel {
  const tsEntry = fileURLToPath(new URL('../engine/entry.ts', import.meta.url))
  // Built, this file is bundled next to the engine's own bundle (engine.js).
  const builtEntry = fileURLToPath(new URL('./engine.js', import.meta.url))
  const fromSource = existsSync(tsEntry)
  const child = fork(fromSource ? tsEntry : builtEntry, [], {
    execArgv: fromSource ? ['--import', 'tsx'] : [],
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

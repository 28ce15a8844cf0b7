/**
 * Starts a built engine bundle with plain Node (no tsx, no repository
 * node_modules on its path), optionally in a private mount namespace where
 * /usr/share/fonts is empty, so what it draws can only use bundled fonts.
 */
import { spawn } from 'node:child_process'
import { EngineEventSchema } from '../../../src/shared/engine-protocol'
import type { EngineChannel } from '../../../src/core/services/types'

export function spawnEngine(
  entry: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; hideSystemFonts: boolean; stderr: string[] }
): EngineChannel {
  // Node passes the IPC channel to the child as fd 3 + NODE_CHANNEL_FD, which
  // survive unshare and sh's exec.
  const child = options.hideSystemFonts
    ? spawn(
        'unshare',
        [
          '-m',
          'sh',
          '-c',
          'mount -t tmpfs none /usr/share/fonts && exec "$0" "$1"',
          process.execPath,
          entry
        ],
        { cwd: options.cwd, env: options.env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }
      )
    : spawn(process.execPath, [entry], {
        cwd: options.cwd,
        env: options.env,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc']
      })
  child.stderr?.on('data', (chunk: Buffer) => options.stderr.push(chunk.toString()))
  return {
    send: (message) => {
      if (child.connected) child.send(message)
    },
    onMessage: (listener) =>
      child.on('message', (raw) => {
        const parsed = EngineEventSchema.safeParse(raw)
        if (parsed.success) listener(parsed.data)
        else options.stderr.push(`malformed engine message: ${parsed.error.message}\n`)
      }),
    onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
    kill: () => {
      child.kill()
    }
  }
}

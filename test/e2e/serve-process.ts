/**
 * Starts browser mode's server (src/bridge/serve.ts from source, or the built bundle) in its
 * own process group and waits for the URL it prints. Used by the e2e fixtures and by
 * `npm run bench -- upload`, which drive the same app in Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process'

export interface ServeProcess {
  readonly child: ChildProcess
  readonly url: string
}

export async function startServeProcess(options: {
  readonly cwd: string
  /** Arguments after `node`: the server's entry and its loader. */
  readonly args: readonly string[]
  readonly env: NodeJS.ProcessEnv
  /** Sees the server's stderr as it comes (besides the error message on failure). */
  readonly onStderr?: (chunk: Buffer) => void
}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 60_000)
    const onData = (data: Buffer): void => {
      output += data.toString()
      const match = /Hindsight browser mode: (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolveUrl(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (d: Buffer) => {
      onData(d)
      options.onStderr?.(d)
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}:\n${output}`))
    })
  })
  return { child, url }
}

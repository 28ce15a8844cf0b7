import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { repoRoot } from './paths'

/**
 * Run `npm run cli -- …` the way a user would (tsx on the sources), capturing
 * output; `onStart` gets the CLI's process id while it runs.
 */
export function runCli(
  args: string[],
  timeoutMs = 90_000,
  onStart?: (pid: number) => void
): Promise<{ code: number | null; stdout: string; stderr: string; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'src/cli/index.ts'), ...args],
      { cwd: repoRoot, env: { ...process.env, FORCE_COLOR: '0' } }
    )
    const pid = child.pid!
    onStart?.(pid)
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => {
      child.kill()
      reject(new Error(`cli timed out: ${stderr}`))
    }, timeoutMs)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, pid })
    })
  })
}

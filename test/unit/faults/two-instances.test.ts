import { spawn, type ChildProcess } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LOCK_FILE, lockWorkspace } from '../../../src/core/runs/workspace-lock'
import { FORMATS } from '../../../src/core/runs/schema'
import { tempDir } from '../../helpers/paths'

let dir: string
let cleanup: () => Promise<void>
let other: ChildProcess | null = null
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(async () => {
  other?.kill('SIGKILL')
  other = null
  await cleanup()
})

/** Another process, standing in for a second app instance that holds the lock. */
function anotherProcess(): Promise<ChildProcess> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    child.once('spawn', () => resolve(child))
  })
}

async function lockAs(pid: number): Promise<void> {
  const owner = {
    format: FORMATS.workspace,
    pid,
    host: hostname(),
    holder: 'browser mode',
    since: 'then'
  }
  await writeFile(join(dir, LOCK_FILE), JSON.stringify(owner))
}

describe('two instances on one workspace', () => {
  it('the second is refused while the first runs, with who holds it', async () => {
    other = await anotherProcess()
    await lockAs(other.pid!)
    await expect(lockWorkspace(dir, 'the desktop app')).rejects.toMatchObject({
      code: 'workspace-locked',
      message: expect.stringMatching(
        new RegExp(`in use by another Hindsight \\(browser mode, process ${other.pid}`)
      )
    })
  })

  it('a lock left by a process that died is taken over', async () => {
    other = await anotherProcess()
    const pid = other.pid!
    const exited = new Promise((resolve) => other!.once('exit', resolve))
    other.kill('SIGKILL')
    await exited
    await lockAs(pid)
    const lock = await lockWorkspace(dir, 'the desktop app')
    const owner = JSON.parse(await readFile(lock.path, 'utf8')) as { pid: number; format: string }
    expect(owner).toMatchObject({ pid: process.pid, format: FORMATS.workspace })
    await lock.release()
    await expect(readFile(lock.path)).rejects.toThrow(/ENOENT/)
  })

  it('is free again once the holder releases it', async () => {
    const first = await lockWorkspace(dir, 'browser mode')
    await first.release()
    const second = await lockWorkspace(dir, 'browser mode')
    await second.release()
  })
})

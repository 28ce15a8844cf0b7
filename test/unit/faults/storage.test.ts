import { execFileSync, spawnSync } from 'node:child_process'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServices } from '../../../src/core/services'
import { forkEngine } from '../../../src/core/services/fork-engine'
import { removeLeftoverTempFiles } from '../../../src/core/runs/temp-files'
import { repoRoot, tempDir } from '../../helpers/paths'
import { copyV1Workspace } from '../runs/fixture'

let dir: string
let cleanup: () => Promise<void>
beforeEach(async () => ({ dir, cleanup } = await tempDir()))
afterEach(() => cleanup())

const WRITE_BIG = join(repoRoot, 'test/unit/faults/write-big.ts')
const hasStrace = spawnSync('strace', ['-V']).status === 0

describe('full disk or read-only workspace', () => {
  it('a write that runs out of space says so and leaves the good file as it was', () => {
    const path = join(dir, 'run.json')
    // ulimit -f makes writes past 512 KiB fail (EFBIG), as a full disk fails them (ENOSPC).
    const out = execFileSync(
      'bash',
      [
        '-c',
        `trap '' XFSZ; ulimit -f 512; exec "$0" --import tsx "$1" "$2"`,
        process.execPath,
        WRITE_BIG,
        path
      ],
      { cwd: repoRoot, encoding: 'utf8' }
    )
    const result = JSON.parse(out.trim().split('\n').pop()!) as { code: string; message: string }
    expect(result.code).toBe('disk-full')
    expect(result.message).toMatch(
      /^Could not save .*run\.json: .* Nothing already saved was changed/
    )
    return readFile(path, 'utf8').then(async (text) => {
      expect(JSON.parse(text)).toEqual({ small: true })
      expect(await readdir(dir)).toEqual(['run.json'])
    })
  })

  it('a workspace that cannot be written gives a clear message naming the file', async () => {
    // sysfs refuses new files even to root: a real EACCES.
    const services = createServices({
      workspaceDir: '/sys/hindsight-read-only-workspace',
      samplesDir: join(repoRoot, 'resources', 'samples'),
      host: 'browser',
      version: 'test',
      spawnEngine: forkEngine
    })
    await expect(
      services.handlers['dataset:upload']({ name: 'a.csv', text: 'x,y\n1,2\n' })
    ).rejects.toMatchObject({
      code: 'no-permission',
      message: expect.stringMatching(
        /^Could not save \/sys\/hindsight-read-only-workspace\/datasets\/.*a\.csv: there is no permission/
      )
    })
    await services.dispose()
  })

  it.skipIf(!hasStrace)('flushes the directory after each rename (strace)', () => {
    const path = join(dir, 'out.json')
    const log = join(dir, 'trace.log')
    execFileSync(
      'strace',
      [
        '-f',
        '-e',
        'trace=openat,fsync,rename',
        '-o',
        log,
        process.execPath,
        '--import',
        'tsx',
        WRITE_BIG,
        path
      ],
      { cwd: repoRoot }
    )
    return readFile(log, 'utf8').then((text) => {
      const lines = text.split('\n')
      const renames = lines
        .map((line, i) => ({ line, i }))
        .filter(({ line }) => line.includes(`rename(`) && line.includes(`"${path}"`))
      expect(renames).toHaveLength(2)
      for (const { i } of renames) {
        // After the rename: the directory is opened and that descriptor fsynced.
        const after = lines.slice(i + 1)
        const open = after.find((l) => l.includes(`openat(AT_FDCWD, "${dirname(path)}", O_RDONLY`))
        const fd = /= (\d+)$/.exec(open ?? '')?.[1]
        expect(fd).toBeDefined()
        const openIndex = after.indexOf(open!)
        expect(after.slice(openIndex + 1).some((l) => l.includes(`fsync(${fd})`))).toBe(true)
      }
    })
  })
})

describe('leftover temporary files', () => {
  it('are removed at start; nothing else is', async () => {
    const runDir = await copyV1Workspace(join(dir, 'ws'))
    const leftovers = [
      join(dir, 'ws', '.recent.json.0123456789ab.tmp'),
      join(runDir, '.run.json.a1b2c3d4e5f6.tmp'),
      join(runDir, 'model', '.weights.bin.abcdefabcdef.tmp'),
      join(runDir, 'checkpoints', 'best', '.model.json.000000000000.tmp')
    ]
    for (const path of leftovers) {
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, 'torn')
    }
    await writeFile(join(runDir, 'notes.tmp'), 'a user file that merely ends in .tmp')
    const before = (await readdir(runDir)).sort()
    const services = createServices({
      workspaceDir: join(dir, 'ws'),
      samplesDir: join(repoRoot, 'resources', 'samples'),
      host: 'browser',
      version: 'test',
      spawnEngine: forkEngine
    })
    await services.handlers['runs:list'](undefined)
    await services.dispose()
    for (const path of leftovers) await expect(readFile(path)).rejects.toThrow(/ENOENT/)
    expect((await readdir(runDir)).sort()).toEqual(before.filter((n) => !n.startsWith('.')))
    expect(await removeLeftoverTempFiles(join(dir, 'ws'))).toBe(0)
  })
})

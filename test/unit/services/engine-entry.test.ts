import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { engineEntry } from '../../../src/core/services/fork-engine'

/** A fake tree with the given files (empty), and the URL of a module at `from` inside it. */
function tree(files: string[], from: string): { root: string; url: string } {
  const root = mkdtempSync(join(tmpdir(), 'hindsight-entry-'))
  for (const file of files) {
    mkdirSync(join(root, file, '..'), { recursive: true })
    writeFileSync(join(root, file), '')
  }
  roots.push(root)
  return { root, url: pathToFileURL(join(root, from)).href }
}

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

describe('engineEntry', () => {
  it('from sources runs the TypeScript entry through tsx', () => {
    const { root, url } = tree(
      ['src/core/engine/entry.ts', 'out/main/engine.js'],
      'src/core/services/fork-engine.ts'
    )
    expect(engineEntry(url)).toEqual({
      path: join(root, 'src/core/engine/entry.ts'),
      execArgv: ['--import', 'tsx']
    })
  })

  it('built into out/bridge, forks the engine bundle Electron loads (out/main/engine.js)', () => {
    const { root, url } = tree(['out/main/engine.js', 'out/bridge/serve.js'], 'out/bridge/serve.js')
    expect(engineEntry(url)).toEqual({ path: join(root, 'out/main/engine.js'), execArgv: [] })
  })

  it('built into out/main, forks the engine.js next to it', () => {
    const { root, url } = tree(['out/main/engine.js'], 'out/main/index.js')
    expect(engineEntry(url)).toEqual({ path: join(root, 'out/main/engine.js'), execArgv: [] })
  })

  it('says which files it looked for when the bundle is missing', () => {
    const { root, url } = tree(['out/bridge/serve.js'], 'out/bridge/serve.js')
    expect(() => engineEntry(url)).toThrow(join(root, 'out/main/engine.js'))
    expect(() => engineEntry(url)).toThrow(/electron-vite build/)
  })
})

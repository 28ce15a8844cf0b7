import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { explainLoadFailure, resolveBackend } from '../../../src/core/engine/backend'
import type { BackendName } from '../../../src/shared/domain'

const require = createRequire(import.meta.url)
function installed(pkg: string): boolean {
  try {
    require.resolve(pkg)
    return true
  } catch {
    return false
  }
}

function moduleNotFound(pkg: string): Error {
  return Object.assign(new Error(`Cannot find module '${pkg}'\nRequire stack:\n- x.js`), {
    code: 'MODULE_NOT_FOUND'
  })
}

describe('resolveBackend', () => {
  it('tries gpu → node → wasm → cpu and keeps a reason for each skipped one', async () => {
    const calls: BackendName[] = []
    const result = await resolveBackend({
      env: {},
      loader: async (name) => {
        calls.push(name)
        if (name === 'tensorflow-gpu') {
          throw new Error(
            'libcudart.so.11.0: cannot open shared object file: No such file or directory'
          )
        }
        if (name === 'tensorflow') throw moduleNotFound('@tensorflow/tfjs-node')
      }
    })
    expect(calls).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm'])
    expect(result.name).toBe('wasm')
    expect(result.tried.map((t) => [t.name, t.ok])).toEqual([
      ['tensorflow-gpu', false],
      ['tensorflow', false],
      ['wasm', true],
      ['cpu', false]
    ])
    expect(result.tried[0]!.reason).toMatch(/^libcudart\.so\.11\.0 not found/)
    expect(result.tried[1]!.reason).toMatch(/^module not installed/)
    expect(result.tried[3]!.reason).toBe('not needed: wasm loaded first')
  })

  it('lets HINDSIGHT_BACKEND put one backend first', async () => {
    const calls: BackendName[] = []
    const result = await resolveBackend({
      env: { HINDSIGHT_BACKEND: 'cpu' },
      loader: async (name) => {
        calls.push(name)
      }
    })
    expect(calls).toEqual(['cpu'])
    expect(result.name).toBe('cpu')
    expect(result.tried.find((t) => t.name === 'wasm')!.reason).toBe(
      'not tried: HINDSIGHT_BACKEND=cpu'
    )
  })

  it('falls back in order when the forced backend fails', async () => {
    const result = await resolveBackend({
      env: { HINDSIGHT_BACKEND: 'tfjs-node' },
      loader: async (name) => {
        if (name === 'tensorflow' || name === 'tensorflow-gpu')
          throw moduleNotFound(`@tensorflow/tfjs-node`)
      }
    })
    expect(result.name).toBe('wasm')
  })

  it('rejects an unknown HINDSIGHT_BACKEND', async () => {
    await expect(
      resolveBackend({ env: { HINDSIGHT_BACKEND: 'tpu' }, loader: async () => {} })
    ).rejects.toThrow(/HINDSIGHT_BACKEND=tpu/)
  })

  it('with the real loaders, picks the first installed backend and explains the rest', async () => {
    const result = await resolveBackend({ env: {} })
    const gpu = installed('@tensorflow/tfjs-node-gpu')
    const node = installed('@tensorflow/tfjs-node')
    if (!gpu) {
      expect(result.tried[0]!.reason).toMatch(/module not installed \(@tensorflow\/tfjs-node-gpu/)
    }
    if (!gpu && !node) {
      expect(result.tried[1]!.reason).toMatch(/module not installed \(@tensorflow\/tfjs-node/)
      expect(result.name).toBe('wasm')
    } else {
      // Where a native backend is installed it must win over wasm.
      expect(['tensorflow-gpu', 'tensorflow']).toContain(result.name)
    }
    for (const t of result.tried) expect(t.reason.length).toBeGreaterThan(3)
  })
})

describe('explainLoadFailure', () => {
  it('keeps the first line of an unknown error', () => {
    expect(explainLoadFailure('wasm', new Error('boom\nstack'))).toBe('boom')
  })
  it('names a missing DLL', () => {
    expect(
      explainLoadFailure(
        'tensorflow',
        new Error('The specified module could not be found. tensorflow.dll')
      )
    ).toMatch(/^tensorflow\.dll not found/)
  })
})

import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RNN_WASM_BASE64, RNN_WASM_SHA256 } from '../../../src/core/kernels/wasm/rnn-wasm'

describe('committed wasm kernels', () => {
  it('embed exactly the committed rnn.wasm', () => {
    const wasm = readFileSync('src/core/kernels/wasm/rnn.wasm')
    expect(createHash('sha256').update(wasm).digest('hex')).toBe(RNN_WASM_SHA256)
    expect(Buffer.from(RNN_WASM_BASE64, 'base64').equals(wasm)).toBe(true)
  })

  it('are what scripts/build-kernels.mjs builds from src/core/kernels/assembly', () => {
    const result = spawnSync(process.execPath, ['scripts/build-kernels.mjs', '--check'], {
      encoding: 'utf8'
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})

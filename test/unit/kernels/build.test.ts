import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  RNN_RELAXED_WASM_BASE64,
  RNN_RELAXED_WASM_SHA256,
  RNN_WASM_BASE64,
  RNN_WASM_SHA256
} from '../../../src/core/kernels/wasm/rnn-wasm'

describe('committed wasm kernels', () => {
  it.each([
    ['rnn.wasm', RNN_WASM_SHA256, RNN_WASM_BASE64],
    ['rnn-relaxed.wasm', RNN_RELAXED_WASM_SHA256, RNN_RELAXED_WASM_BASE64]
  ])('embed exactly the committed %s', (file, sha256, base64) => {
    const wasm = readFileSync(`src/core/kernels/wasm/${file}`)
    expect(createHash('sha256').update(wasm).digest('hex')).toBe(sha256)
    expect(Buffer.from(base64, 'base64').equals(wasm)).toBe(true)
  })

  it('are what scripts/build-kernels.mjs builds from src/core/kernels/assembly', () => {
    const result = spawnSync(process.execPath, ['scripts/build-kernels.mjs', '--check'], {
      encoding: 'utf8'
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })
})

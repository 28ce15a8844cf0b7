import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readCsv } from '../../../src/core/engine/data/csv-reader'
import { prepareData } from '../../../src/core/engine/data/prepare'
import { toUserError } from '../../../src/core/errors'
import { finishNotice } from '../../../src/core/engine/run-notice'
import { resolveBackend } from '../../../src/core/engine/backend'
import { resolveKernelPath } from '../../../src/core/kernels/kernel-path'
import { DataConfigSchema } from '../../../src/shared/data-config'
import { fillTemplate, sayMessage, templateFor } from '../../../src/renderer/src/i18n/messages'
import { datasetPath } from '../../helpers/paths'

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name))
}

describe('coded messages', () => {
  it('says an engine error in Chinese with the values it carries', async () => {
    const table = await readCsv(datasetPath('sunspots_yearly.csv'))
    let caught: unknown
    try {
      prepareData(table, DataConfigSchema.parse({ target: 'sunactivity', window: 400 }))
    } catch (error) {
      caught = error
    }
    const error = toUserError(caught)
    expect(error.code).toBe('too-few-rows')
    expect(error.params).toEqual({ rows: 309, window: 400, horizon: 1 })
    const zh = sayMessage('zh-CN', error)
    expect(zh).toBe(
      'sunspots_yearly.csv 只有 309 行，少于窗口（400）+ 预测步长（1）。请缩短窗口或步长。'
    )
    // English keeps the engine's own text.
    expect(sayMessage('en', error)).toBe(error.message)
  })

  it('falls back to the English text when a value the translation names is missing', () => {
    const error = { code: 'no-test-windows', message: 'This run has no test windows to explain.' }
    expect(sayMessage('zh-CN', error)).toBe(error.message)
    expect(sayMessage('zh-CN', { code: 'never-heard-of-it', message: 'Plain English.' })).toBe(
      'Plain English.'
    )
  })

  it('formats numbers for the locale and refuses holes', () => {
    expect(fillTemplate('{n} rows', { n: 12345.5 }, 'en')).toBe('12,345.5 rows')
    expect(fillTemplate('{n} / {m}', { n: 1 }, 'zh-CN')).toBeNull()
  })

  it('says how training ended, and which loss early stopping watched', () => {
    const stopped = { history: [1, 2, 3, 4, 5], cancelled: false, stoppedEarly: true, bestEpoch: 2 }
    const withVal = finishNotice(stopped, true)
    expect(withVal?.code).toBe('stopped-early')
    expect(sayMessage('zh-CN', withVal!)).toBe('在 5 轮后提前停止；已恢复第 2 轮的权重。')
    const noVal = finishNotice(stopped, false)
    expect(noVal?.message).toContain('watched the training loss')
    expect(finishNotice({ ...stopped, bestEpoch: 5 }, true)?.message).toContain('last epoch')
    expect(finishNotice({ ...stopped, stoppedEarly: false, bestEpoch: 5 }, true)).toBeNull()
    // Every epoch ran, but the best one was earlier: its weights were kept, and that is said.
    const restored = finishNotice({ ...stopped, stoppedEarly: false }, true)
    expect(restored?.code).toBe('restored-best-epoch')
    expect(sayMessage('zh-CN', restored!)).toBe(
      '已训练全部 5 轮；第 2 轮的损失最低，保留了该轮的权重。'
    )
  })

  it('has a Chinese text for every code the core raises', async () => {
    const files = await filesUnder(join(__dirname, '../../../src/core'))
    const codes = new Set<string>()
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      for (const m of text.matchAll(/UserFacingError\(\s*'([a-z-]+)'/g)) codes.add(m[1]!)
      for (const m of text.matchAll(/code: '([a-z-]+)'/g)) codes.add(m[1]!)
    }
    expect(codes.size).toBeGreaterThan(20)
    // Stay in English on purpose: their text is the parser's, the OS's or zod's own detail,
    // or a protocol fault between the app's own processes.
    const english = new Set([
      'internal',
      'invalid-request',
      'bad-request',
      'bad-reply',
      'read-failed',
      'parse-failed'
    ])
    const missing = [...codes].filter(
      (code) => !english.has(code) && templateFor('zh-CN', code) === null
    )
    expect(missing).toEqual([])
  })

  it('says why each backend loaded or not, and which kernels run, in Chinese', async () => {
    const { tried } = await resolveBackend({
      env: {},
      loader: async (name) => {
        if (name === 'tensorflow-gpu') {
          throw new Error('libcudart.so.11.0: cannot open shared object file')
        }
        if (name === 'tensorflow') {
          throw Object.assign(new Error("Cannot find module '@tensorflow/tfjs-node'"), {
            code: 'MODULE_NOT_FOUND'
          })
        }
      }
    })
    const say = (r: {
      reason: string
      code?: string | undefined
      params?: Readonly<Record<string, string | number>> | undefined
    }): string =>
      sayMessage('zh-CN', {
        code: r.code ?? '',
        message: r.reason,
        ...(r.params ? { params: r.params } : {})
      })
    expect(tried.map(say)).toEqual([
      '找不到 libcudart.so.11.0（libcudart.so.11.0: cannot open shared object file）',
      '模块未安装（@tensorflow/tfjs-node 是可选依赖；安装时需要联网下载 libtensorflow）',
      '已加载',
      '无需尝试：wasm 已先加载'
    ])
    expect(say(resolveKernelPath('tensorflow', {}))).toBe(
      'tfjs 自带的 LSTM/GRU 层：tfjs-node 在 libtensorflow 中原生运行这些层。'
    )
    // An unknown HINDSIGHT_KERNELS value adds a clause the table does not have: English then.
    const odd = resolveKernelPath('tensorflow', { HINDSIGHT_KERNELS: 'turbo' })
    expect(say(odd)).toBe(odd.reason)
  })
})

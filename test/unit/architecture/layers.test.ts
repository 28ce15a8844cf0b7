/**
 * The runtime boundaries of `src`, proved through ESLint itself (the project's
 * own config and eslint-rules/layers.mjs): each crossing fails lint with a
 * reason, and the imports each layer needs pass, so the test can fail both ways.
 */
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'
import { repoRoot } from '../../helpers/paths'

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot })
})

/** The layering messages ESLint gives for one import in a file at `filePath`. */
async function layering(filePath: string, spec: string): Promise<string[]> {
  const code = `import * as imported from '${spec}'\nexport const used = imported\n`
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages
    .filter((m) => m.ruleId === 'hindsight/layers' || m.fatal)
    .map((m) => m.message)
}

const CROSSINGS: [string, string, string, RegExp][] = [
  ['the core imports electron', 'src/core/runs/probe.ts', 'electron', /runs without Electron/],
  [
    'the engine imports the services',
    'src/core/engine/probe.ts',
    '../services',
    /never imports src\/core\/services/
  ],
  [
    'the engine imports the services (deeper)',
    'src/core/engine/explain/probe.ts',
    '../../services/engine-client',
    /never imports src\/core\/services/
  ],
  ['the CLI imports electron', 'src/cli/probe.ts', 'electron', /runs without Electron/],
  ['the bridge imports electron', 'src/bridge/probe.ts', 'electron', /runs without Electron/],
  [
    'the renderer imports electron',
    'src/renderer/src/probe.ts',
    'electron',
    /runs without Electron/
  ],
  ['src/shared imports electron', 'src/shared/probe.ts', 'electron', /runs without Electron/],
  ['src/explain imports electron', 'src/explain/probe.ts', 'electron', /runs without Electron/],
  [
    'the renderer imports the core',
    'src/renderer/src/views/probe.ts',
    '../../../core/errors',
    /may import only src\/renderer, src\/shared/
  ],
  [
    'the renderer imports src/explain',
    'src/renderer/src/probe.ts',
    '../../explain/rng',
    /may import only src\/renderer, src\/shared/
  ],
  [
    'the renderer imports src/explain by alias',
    'src/renderer/src/probe.ts',
    '@explain/rng',
    /may import only src\/renderer, src\/shared/
  ],
  ['the renderer imports node:fs', 'src/renderer/src/probe.ts', 'node:fs', /no Node APIs/],
  ['the renderer imports path', 'src/renderer/src/probe.ts', 'path', /no Node APIs/],
  ['src/explain imports node:crypto', 'src/explain/probe.ts', 'node:crypto', /no Node APIs/],
  ['src/explain imports vue', 'src/explain/probe.ts', 'vue', /may use no packages; not vue/],
  [
    'src/explain imports TensorFlow.js',
    'src/explain/probe.ts',
    '@tensorflow/tfjs',
    /not @tensorflow\/tfjs/
  ],
  [
    'src/explain imports a tfjs backend',
    'src/explain/probe.ts',
    '@tensorflow/tfjs-backend-wasm',
    /not @tensorflow\/tfjs-backend-wasm/
  ],
  [
    'the bridge imports src/main',
    'src/bridge/probe.ts',
    '../main/security',
    /may import only src\/bridge, src\/core, src\/shared/
  ],
  [
    'the CLI imports src/main',
    'src/cli/commands/probe.ts',
    '../../main/ipc/handle',
    /may import only src\/cli, src\/core, src\/shared/
  ],
  [
    'the services import the engine (it runs in its own process)',
    'src/core/services/probe.ts',
    '../engine/data/csv-reader',
    /services never imports src\/core\/engine/
  ],
  [
    "Electron's main process imports the engine",
    'src/main/probe.ts',
    '../core/engine/tables',
    /never imports src\/core\/engine/
  ],
  [
    'the CLI imports the engine instead of driving its process',
    'src/cli/commands/probe.ts',
    '../../core/engine/run-training',
    /never imports src\/core\/engine/
  ],
  [
    'the bridge imports the engine',
    'src/bridge/probe.ts',
    '../core/engine/dispatch',
    /never imports src\/core\/engine/
  ],
  ['src/shared imports node:fs', 'src/shared/probe.ts', 'node:fs', /no Node APIs/],
  ['src/shared imports vue', 'src/shared/probe.ts', 'vue', /may use zod; not vue/],
  ['src/shared imports the core', 'src/shared/probe.ts', '../core/errors', /may import only/],
  ['the preload imports the core', 'src/preload/probe.ts', '../core/errors', /may import only/]
]

const ALLOWED: [string, string, string][] = [
  ["Electron's main process imports electron", 'src/main/probe.ts', 'electron'],
  ['the preload imports electron', 'src/preload/probe.ts', 'electron'],
  ["Electron's main process imports the services", 'src/main/probe.ts', '../core/services'],
  ['the core imports node:fs', 'src/core/runs/probe.ts', 'node:fs'],
  ['the engine imports src/explain', 'src/core/engine/probe.ts', '../../explain'],
  ['the engine imports TensorFlow.js', 'src/core/engine/probe.ts', '@tensorflow/tfjs'],
  ['the engine imports the run store', 'src/core/engine/probe.ts', '../runs/run-store'],
  ['the services import the run store', 'src/core/services/probe.ts', '../runs/run-store'],
  ['the CLI imports the services', 'src/cli/commands/probe.ts', '../../core/services'],
  ['the CLI imports commander', 'src/cli/probe.ts', 'commander'],
  ['the bridge imports the services', 'src/bridge/probe.ts', '../core/services'],
  ['the bridge imports ws', 'src/bridge/probe.ts', 'ws'],
  ['the renderer imports src/shared by alias', 'src/renderer/src/probe.ts', '@shared/domain'],
  ['the renderer imports its own files', 'src/renderer/src/views/probe.ts', '../host'],
  ['the renderer imports vue', 'src/renderer/src/probe.ts', 'vue'],
  ['the renderer imports chart.js', 'src/renderer/src/probe.ts', 'chart.js'],
  ['src/shared imports src/explain', 'src/shared/probe.ts', '../explain/compare'],
  ['src/shared imports zod', 'src/shared/probe.ts', 'zod'],
  ['src/explain imports its own files', 'src/explain/probe.ts', './rng']
]

describe('layering: each crossing fails lint', () => {
  it.each(CROSSINGS)('%s', async (_what, filePath, spec, why) => {
    const messages = await layering(filePath, spec)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(/^Bad layering: /)
    expect(messages[0]).toMatch(why)
  })
})

describe('layering: what each layer needs passes', () => {
  it.each(ALLOWED)('%s', async (_what, filePath, spec) => {
    expect(await layering(filePath, spec)).toEqual([])
  })
})

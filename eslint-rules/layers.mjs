// The runtime layers of `src`, as one table, and the lint rule that holds every
// import to it (VS Code's code-layering idea). Each folder of `src` runs in one
// place and may only import what that place has: the table says which folders
// of `src` a layer may reach, and whether Electron and Node's built-ins exist
// there. Relative imports and the renderer's aliases are resolved to a folder
// first, so `../../core/x` and `@shared/x` are judged by where they land.
import { builtinModules } from 'node:module'
import { dirname, relative, resolve } from 'node:path'

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..')

/** Most specific first: a file belongs to the first layer whose folder holds it. */
export const LAYERS = [
  {
    folder: 'src/core/engine',
    what: 'the engine process',
    may: ['src/core', 'src/shared', 'src/explain'],
    never: ['src/core/services'],
    electron: false,
    node: true
  },
  {
    // The host's side of the engine: it reaches the engine only through its process.
    folder: 'src/core/services',
    what: 'the services',
    may: ['src/core', 'src/shared'],
    never: ['src/core/engine'],
    electron: false,
    node: true
  },
  {
    folder: 'src/core',
    what: 'the Node core',
    may: ['src/core', 'src/shared', 'src/explain'],
    electron: false,
    node: true
  },
  {
    folder: 'src/cli',
    what: 'the CLI',
    may: ['src/cli', 'src/core', 'src/shared'],
    never: ['src/core/engine'],
    electron: false,
    node: true
  },
  {
    folder: 'src/bridge',
    what: 'the browser-mode bridge',
    may: ['src/bridge', 'src/core', 'src/shared'],
    never: ['src/core/engine'],
    electron: false,
    node: true
  },
  {
    folder: 'src/main',
    what: "Electron's main process",
    may: ['src/main', 'src/core', 'src/shared'],
    never: ['src/core/engine'],
    electron: true,
    node: true
  },
  {
    folder: 'src/preload',
    what: 'the sandboxed preload',
    may: ['src/preload', 'src/shared'],
    electron: true,
    node: false,
    packages: []
  },
  {
    folder: 'src/renderer',
    what: 'the renderer',
    may: ['src/renderer', 'src/shared'],
    electron: false,
    node: false
  },
  {
    folder: 'src/shared',
    what: 'the shared contract',
    may: ['src/shared', 'src/explain'],
    electron: false,
    node: false,
    packages: ['zod']
  },
  {
    folder: 'src/explain',
    what: 'src/explain (pure TypeScript)',
    may: ['src/explain'],
    electron: false,
    node: false,
    packages: []
  }
]

const ALIASES = {
  '@renderer/': 'src/renderer/src/',
  '@shared/': 'src/shared/',
  '@explain/': 'src/explain/'
}

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])

const inside = (path, folder) => path === folder || path.startsWith(`${folder}/`)

export function layerOf(file) {
  const rel = relative(ROOT, resolve(file)).split('\\').join('/')
  return LAYERS.find((l) => inside(rel, l.folder)) ?? null
}

/** Where an import lands, as a repo-relative path, or null for a package. */
function target(file, spec) {
  for (const [alias, folder] of Object.entries(ALIASES)) {
    if (spec.startsWith(alias)) return folder + spec.slice(alias.length)
  }
  if (!spec.startsWith('.')) return null
  return relative(ROOT, resolve(dirname(resolve(file)), spec))
    .split('\\')
    .join('/')
}

/** Why `spec` may not be imported from `file`, or null when it may. */
export function violation(file, spec) {
  const layer = layerOf(file)
  if (!layer) return null
  const path = target(file, spec)
  if (path !== null) {
    if (!path.startsWith('src/')) return null
    const barred = (layer.never ?? []).find((f) => inside(path, f))
    if (barred) return `${layer.what} never imports ${barred}.`
    if (layer.may.some((f) => inside(path, f))) return null
    return `${layer.what} may import only ${layer.may.join(', ')}; not ${path}.`
  }
  const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]
  if (name === 'electron') {
    return layer.electron
      ? null
      : `${layer.what} runs without Electron: only src/main and src/preload import it.`
  }
  if (NODE.has(name) || NODE.has(spec)) {
    return layer.node ? null : `${layer.what} has no Node APIs.`
  }
  if (layer.packages && !layer.packages.includes(name)) {
    return `${layer.what} may use ${layer.packages.length ? layer.packages.join(', ') : 'no packages'}; not ${name}.`
  }
  return null
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each runtime folder of src imports only what its runtime has.' },
    messages: { layer: 'Bad layering: {{why}}' },
    schema: []
  },
  create(context) {
    const file = context.filename
    if (!layerOf(file)) return {}
    const check = (node) => {
      const source = node.source
      if (!source || typeof source.value !== 'string') return
      const why = violation(file, source.value)
      if (why) context.report({ node: source, messageId: 'layer', data: { why } })
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check
    }
  }
}

export default { rules: { layers: rule } }

import { createRequire } from 'node:module'
import * as tf from '@tensorflow/tfjs'
import type { BackendName, BackendReport } from '../../shared/domain'

export const BACKEND_ORDER: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']

type Attempt = BackendReport['tried'][number]

/** Loads one backend; throws with the reason it cannot run. Injectable for tests. */
export type BackendLoader = (name: BackendName) => Promise<void>

const require = createRequire(import.meta.url)

/** The tf backend name each of ours registers under. */
const TF_NAME: Record<BackendName, string> = {
  'tensorflow-gpu': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu'
}

export const defaultLoader: BackendLoader = async (name) => {
  switch (name) {
    case 'tensorflow-gpu':
      // Loading the native binding registers the 'tensorflow' backend on our tf instance.
      require('@tensorflow/tfjs-node-gpu')
      break
    case 'tensorflow':
      require('@tensorflow/tfjs-node')
      break
    case 'wasm':
      await import('@tensorflow/tfjs-backend-wasm')
      break
    case 'cpu':
      break
    default:
      throw new Error(`unknown backend ${String(name)}`)
  }
  if (!(await tf.setBackend(TF_NAME[name]))) throw new Error('tf.setBackend returned false')
  await tf.ready()
}

/**
 * Try the backends in order (tfjs-node-gpu → tfjs-node → wasm → cpu) and keep
 * the first that loads. `HINDSIGHT_BACKEND` moves one to the front. Every
 * backend not chosen carries a reason the UI can show.
 */
export async function resolveBackend(
  options: {
    env?: Record<string, string | undefined>
    loader?: BackendLoader
  } = {}
): Promise<{ name: BackendName; tried: Attempt[] }> {
  const env = options.env ?? process.env
  const loader = options.loader ?? defaultLoader
  const forced = parseForced(env['HINDSIGHT_BACKEND'])
  const order = forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : [...BACKEND_ORDER]
  const tried: Attempt[] = []
  let chosen: BackendName | null = null
  for (const name of order) {
    if (chosen) {
      tried.push(
        forced === chosen
          ? {
              name,
              ok: false,
              reason: `not tried: HINDSIGHT_BACKEND=${forced}`,
              code: 'backend-not-tried',
              params: { forced }
            }
          : {
              name,
              ok: false,
              reason: `not needed: ${chosen} loaded first`,
              code: 'backend-not-needed',
              params: { chosen }
            }
      )
      continue
    }
    try {
      await loader(name)
      chosen = name
      tried.push(
        forced === name
          ? { name, ok: true, reason: `chosen by HINDSIGHT_BACKEND`, code: 'backend-forced' }
          : { name, ok: true, reason: 'loaded', code: 'backend-loaded' }
      )
    } catch (error) {
      tried.push({ name, ok: false, ...describeLoadFailure(name, error) })
    }
  }
  if (!chosen) throw new Error(`No TensorFlow.js backend could be loaded: ${JSON.stringify(tried)}`)
  return { name: chosen, tried: BACKEND_ORDER.map((b) => tried.find((t) => t.name === b)!) }
}

function parseForced(value: string | undefined): BackendName | null {
  if (!value) return null
  const normalised = value.trim().toLowerCase()
  const aliases: Record<string, BackendName> = {
    gpu: 'tensorflow-gpu',
    'tfjs-node-gpu': 'tensorflow-gpu',
    'tensorflow-gpu': 'tensorflow-gpu',
    node: 'tensorflow',
    'tfjs-node': 'tensorflow',
    tensorflow: 'tensorflow',
    wasm: 'wasm',
    cpu: 'cpu'
  }
  const found = aliases[normalised]
  if (!found)
    throw new Error(`HINDSIGHT_BACKEND=${value} is not one of ${BACKEND_ORDER.join(', ')}`)
  return found
}

/** Turn a loader error into one sentence: the common causes get a plain explanation. */
export function explainLoadFailure(name: BackendName, error: unknown): string {
  return describeLoadFailure(name, error).reason
}

/** The sentence, with a code and values for the common causes (the UI translates those). */
function describeLoadFailure(
  name: BackendName,
  error: unknown
): Pick<Attempt, 'reason' | 'code' | 'params'> {
  const message = error instanceof Error ? error.message : String(error)
  const code = (error as { code?: unknown } | null)?.code
  const pkg = name === 'tensorflow-gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node'
  if (code === 'MODULE_NOT_FOUND' && message.includes(pkg)) {
    return {
      reason: `module not installed (${pkg} is optional; its install downloads libtensorflow, which needs internet)`,
      code: 'backend-module-missing',
      params: { pkg }
    }
  }
  const first = message.split('\n')[0] ?? message
  const lib = /(lib[\w.+-]+\.so(?:\.[\d.]+)?|[\w.-]+\.dll|[\w.-]+\.dylib)/.exec(message)
  if (lib?.[1]) {
    return {
      reason: `${lib[1]} not found (${first})`,
      code: 'backend-library-missing',
      params: { lib: lib[1], detail: first }
    }
  }
  if (code === 'MODULE_NOT_FOUND') return { reason: `module not installed (${first})` }
  return { reason: first }
}

export function toBackendReport(
  resolved: { name: BackendName; tried: Attempt[] },
  kernels: BackendReport['kernels']
): BackendReport {
  return { name: resolved.name, tried: resolved.tried, kernels }
}

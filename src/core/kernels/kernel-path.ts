// Which recurrent implementation a run uses: the fused wasm kernels on the wasm / cpu
// backends, the stock tfjs layers on tfjs-node (libtensorflow already fuses the work), and
// whatever HINDSIGHT_KERNELS forces.
import { runtimeError } from './runtime'

export type KernelPath = 'fused' | 'stock'

export interface KernelPathChoice {
  readonly path: KernelPath
  /** One sentence for the UI / CLI. */
  readonly reason: string
  /** The sentence's code and values, for the UI to translate. */
  readonly code?: string
  readonly params?: Readonly<Record<string, string>>
}

const FUSED_BACKENDS = new Set(['wasm', 'cpu'])

export function resolveKernelPath(
  backendName: string,
  env: Record<string, string | undefined> = process.env
): KernelPathChoice {
  const forced = env['HINDSIGHT_KERNELS']?.trim().toLowerCase()
  const error = runtimeError()
  if (forced === 'stock') {
    return {
      path: 'stock',
      reason: 'HINDSIGHT_KERNELS=stock: using the stock tfjs LSTM/GRU layers.',
      code: 'kernels-env-stock'
    }
  }
  if (forced === 'fused') {
    if (error === null) {
      return {
        path: 'fused',
        reason: `HINDSIGHT_KERNELS=fused: using the fused WebAssembly LSTM/GRU kernels on the ${backendName} backend.`,
        code: 'kernels-env-fused',
        params: { backend: backendName }
      }
    }
    return {
      path: 'stock',
      reason: `HINDSIGHT_KERNELS=fused was requested, but ${error}; using the stock tfjs layers.`
    }
  }
  const ignored =
    forced !== undefined && forced !== ''
      ? ` (HINDSIGHT_KERNELS=${forced} is not fused or stock and was ignored)`
      : ''
  if (!FUSED_BACKENDS.has(backendName)) {
    const why =
      backendName === 'tensorflow'
        ? 'tfjs-node runs the stock layers natively in libtensorflow'
        : `the fused kernels only replace the wasm and cpu backends, not ${backendName}`
    const code = backendName === 'tensorflow' ? 'kernels-native' : 'kernels-not-replaced'
    return {
      path: 'stock',
      reason: `Stock tfjs LSTM/GRU layers: ${why}${ignored}.`,
      ...(ignored === '' ? { code, params: { backend: backendName } } : {})
    }
  }
  if (error !== null) {
    return { path: 'stock', reason: `Stock tfjs LSTM/GRU layers: ${error}${ignored}.` }
  }
  return {
    path: 'fused',
    reason: `Fused WebAssembly SIMD LSTM/GRU kernels: the ${backendName} backend would run each time step as ~20 small ops${ignored}.`,
    ...(ignored === '' ? { code: 'kernels-fused', params: { backend: backendName } } : {})
  }
}

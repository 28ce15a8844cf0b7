import type { BackendReport } from '../../shared/domain'
import type { KernelChoice } from '../../shared/model-config'
import { initKernels, resolveKernelPath, type KernelPath } from '../kernels'
import { resolveBackend, toBackendReport, type BackendLoader } from './backend'

let current: Promise<BackendReport> | null = null

/**
 * Resolve the tfjs backend once per process, start the fused kernels where
 * they apply, and report what runs and why.
 */
export function initBackend(
  env: Record<string, string | undefined> = process.env,
  loader?: BackendLoader
): Promise<BackendReport> {
  current ??= (async () => {
    const resolved = await resolveBackend({ env, ...(loader ? { loader } : {}) })
    let kernels = resolveKernelPath(resolved.name, env)
    if (kernels.path === 'fused') {
      try {
        await initKernels()
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        kernels = {
          path: 'stock',
          reason: `Stock tfjs layers: the fused kernels failed to start (${why}).`,
          code: 'kernels-start-failed',
          params: { why }
        }
      }
    }
    const { path, reason, code, params } = kernels
    return toBackendReport(resolved, {
      path,
      reason,
      ...(code === undefined ? {} : { code }),
      ...(params === undefined ? {} : { params: { ...params } })
    })
  })()
  return current
}

/** The recurrent path one run uses: the process default unless its config forces one. */
export function kernelPathFor(
  backend: BackendReport,
  choice: KernelChoice
): BackendReport['kernels'] {
  if (choice === 'auto' || choice === backend.kernels.path) return backend.kernels
  if (choice === 'stock') {
    return {
      path: 'stock',
      reason: 'Stock tfjs LSTM/GRU layers: chosen in the model settings.',
      code: 'kernels-chosen-stock'
    }
  }
  // 'fused' asked for where the process default is stock: only possible on wasm/cpu.
  const available = resolveKernelPath(backend.name, { HINDSIGHT_KERNELS: 'fused' })
  return available.path === 'fused'
    ? {
        path: 'fused',
        reason: 'Fused WebAssembly LSTM/GRU kernels: chosen in the model settings.',
        code: 'kernels-chosen-fused'
      }
    : {
        path: 'stock',
        reason: `Fused kernels were chosen but cannot run here: ${available.reason}`
      }
}

export type { KernelPath }

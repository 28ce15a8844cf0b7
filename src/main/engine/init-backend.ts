import type { BackendReport } from '../../shared/domain'
import { resolveBackend, toBackendReport, type BackendLoader } from './backend'

let current: Promise<BackendReport> | null = null

/** Resolve the tfjs backend once per process and report what runs and why. */
export function initBackend(
  env: Record<string, string | undefined> = process.env,
  loader?: BackendLoader
): Promise<BackendReport> {
  current ??= resolveBackend({ env, ...(loader ? { loader } : {}) }).then((resolved) =>
    toBackendReport(resolved, {
      path: 'stock',
      reason: 'tf.layers recurrent layers (the fused CPU kernels are not part of this build)'
    })
  )
  return current
}

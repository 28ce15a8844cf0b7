import { initBackend } from '../../src/core/engine/init-backend'
import type { BackendReport } from '../../src/shared/domain'

/** The backend the app would pick on this machine (wasm here), resolved once per test file. */
export function testBackend(): Promise<BackendReport> {
  return initBackend(process.env)
}

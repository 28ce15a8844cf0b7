/** Serves the built renderer's files, never anything outside its folder. */
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8'
}

export function mimeType(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under `root` for a URL path relative to the app's base, or null when
 * it would escape `root` (`..`, encoded or not) or is not a plain file.
 */
export function resolveStaticPath(root: string, relativeUrlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(relativeUrlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const wanted = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded
  const base = resolve(root)
  const full = resolve(base, `.${wanted.startsWith('/') ? '' : '/'}${wanted}`)
  if (full !== base && !full.startsWith(base + sep)) return null
  return full
}

export async function readStatic(
  root: string,
  relativeUrlPath: string
): Promise<{ body: Buffer; type: string } | null> {
  const path = resolveStaticPath(root, relativeUrlPath)
  if (path === null) return null
  try {
    const info = await stat(path)
    if (!info.isFile()) return null
    return { body: await readFile(path), type: mimeType(path) }
  } catch {
    return null
  }
}

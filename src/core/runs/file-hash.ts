import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** A file's content hash as "sha256:<hex>", read as a stream (datasets can be large). */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return `sha256:${hash.digest('hex')}`
}

export function hashBytes(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

/**
 * Run in a child process with a file-size limit (ulimit -f), as a stand-in for
 * a full disk: write a small file, then try to replace it with a big one, and
 * print what the second write threw as one JSON line.
 */
import { writeJsonAtomic } from '../../../src/core/runs/atomic-write'

async function main(): Promise<void> {
  const path = process.argv[2]!
  await writeJsonAtomic(path, { small: true })
  try {
    await writeJsonAtomic(path, { big: 'x'.repeat(2_000_000) })
    console.log(JSON.stringify({ ok: true }))
  } catch (error) {
    const e = error as { code?: string; message?: string }
    console.log(JSON.stringify({ code: e.code, message: e.message }))
  }
}

void main()

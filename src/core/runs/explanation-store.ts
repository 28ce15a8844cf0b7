import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ExplanationRecordSchema, type ExplanationRecord } from '../../shared/explanation'
import { writeJsonAtomic } from './atomic-write'

export const EXPLANATIONS_DIR = 'explanations'

/** Where a run keeps one of its explanations. */
export function explanationPath(runDir: string, explanationId: string): string {
  return join(runDir, EXPLANATIONS_DIR, `${explanationId}.json`)
}

export async function saveExplanation(runDir: string, record: ExplanationRecord): Promise<string> {
  const path = explanationPath(runDir, record.id)
  await writeJsonAtomic(path, record)
  return path
}

/** A run's saved explanations, newest first; unreadable files are skipped. */
export async function listExplanations(runDir: string): Promise<ExplanationRecord[]> {
  const dir = join(runDir, EXPLANATIONS_DIR)
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json'))
  const out: ExplanationRecord[] = []
  for (const name of names) {
    try {
      out.push(ExplanationRecordSchema.parse(JSON.parse(await readFile(join(dir, name), 'utf8'))))
    } catch {
      // Written by another version or damaged: leave it on disk, don't list it.
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

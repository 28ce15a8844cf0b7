/**
 * A run as one zip archive, and back. The archive holds run.json (settings,
 * preprocessing, metrics), history.jsonl, predictions.csv, the tfjs model
 * folder, the saved explanations and the dataset the run was trained on, so
 * that it can be explained again in another workspace. Import trusts nothing
 * in the archive: entry names are matched against the few a run has (no
 * path can leave the run folder), sizes are bounded before anything is
 * inflated, and the run is unpacked beside the others and renamed into place
 * only once it reads as a run.
 */
import { randomBytes } from 'node:crypto'
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { unzipSync, zipSync } from 'fflate'
import type { RunSummary } from '../../shared/domain'
import { MAX_ARCHIVE_BYTES, MAX_ARCHIVE_ENTRIES, MAX_UNPACKED_BYTES } from '../../shared/run-admin'
import { UserFacingError } from '../errors'
import { writeJsonAtomic } from './atomic-write'
import { EXPLANATIONS_DIR } from './explanation-store'
import { hashBytes } from './file-hash'
import {
  HISTORY_JSONL,
  MODEL_DIR,
  newRunId,
  PREDICTIONS_CSV,
  readRunFile,
  RUN_JSON,
  runsDir,
  toRunSummary
} from './run-store'

export const ARCHIVE_SCHEMA = 'hindsight.run-archive/1'
export const ARCHIVE_MANIFEST = 'hindsight-archive.json'
const DATASET_DIR = 'dataset'

/** One path segment: no separators, never "." or "..", never hidden. */
const SEGMENT = '[\\w-][\\w.-]{0,99}'
const ALLOWED = new RegExp(
  `^(${[ARCHIVE_MANIFEST, RUN_JSON, HISTORY_JSONL, PREDICTIONS_CSV]
    .map((n) => n.replace(/\./g, '\\.'))
    .join(
      '|'
    )}|${MODEL_DIR}/${SEGMENT}|${EXPLANATIONS_DIR}/${SEGMENT}\\.json|${DATASET_DIR}/${SEGMENT})$`
)

interface Manifest {
  schema: typeof ARCHIVE_SCHEMA
  exportedAt: string
  runId: string
  /** The dataset file inside the archive, or null when it could not be read at export. */
  dataset: string | null
}

/** At most ~40 characters of untrusted text in a message. */
function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)
}

function safeSegment(name: string): string {
  const cleaned = name.replace(/[^\w.-]/g, '_').replace(/^[.]+/, '')
  return (cleaned || 'data.csv').slice(0, 100)
}

async function plainFile(path: string): Promise<Uint8Array | null> {
  const info = await lstat(path).catch(() => null)
  if (!info?.isFile()) return null
  return new Uint8Array(await readFile(path))
}

async function addFolder(
  files: Record<string, Uint8Array>,
  dir: string,
  prefix: string,
  accept: (name: string) => boolean
): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names.sort()) {
    if (!ALLOWED.test(`${prefix}/${name}`) || !accept(name)) continue
    const bytes = await plainFile(join(dir, name))
    if (bytes) files[`${prefix}/${name}`] = bytes
  }
}

/** The run in `dir` as zip bytes and a file name. Refuses a run that is still training. */
export async function exportRunArchive(
  dir: string
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const run = await readRunFile(dir).catch(() => {
    throw new UserFacingError('unknown-run', `${basename(dir)} is not a readable run.`)
  })
  if (run.status === 'running') {
    throw new UserFacingError('run-busy', 'This run is still training; export it once it ends.')
  }
  const files: Record<string, Uint8Array> = {}
  for (const name of [RUN_JSON, HISTORY_JSONL, PREDICTIONS_CSV]) {
    const bytes = await plainFile(join(dir, name))
    if (bytes) files[name] = bytes
  }
  await addFolder(files, join(dir, MODEL_DIR), MODEL_DIR, () => true)
  await addFolder(files, join(dir, EXPLANATIONS_DIR), EXPLANATIONS_DIR, (n) => n.endsWith('.json'))
  // The data travels with the model: explaining needs the windows the model saw.
  const data = await readFile(run.dataset.path).catch(() => null)
  const datasetEntry = data ? `${DATASET_DIR}/${safeSegment(basename(run.dataset.path))}` : null
  if (data && datasetEntry) files[datasetEntry] = new Uint8Array(data)
  const manifest: Manifest = {
    schema: ARCHIVE_SCHEMA,
    exportedAt: new Date().toISOString(),
    runId: run.id,
    dataset: datasetEntry
  }
  files[ARCHIVE_MANIFEST] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`)
  const bytes = zipSync(files, { level: 6 })
  return { fileName: `hindsight-run-${safeSegment(run.name ?? run.id)}.zip`, bytes }
}

export interface ArchiveLimits {
  archiveBytes: number
  unpackedBytes: number
  entries: number
}

const LIMITS: ArchiveLimits = {
  archiveBytes: MAX_ARCHIVE_BYTES,
  unpackedBytes: MAX_UNPACKED_BYTES,
  entries: MAX_ARCHIVE_ENTRIES
}

/** Entries of a zip, refusing unknown or unsafe names, too many entries and too many bytes. */
function unpack(
  archiveName: string,
  bytes: Uint8Array,
  limits: ArchiveLimits
): Record<string, Uint8Array> {
  if (bytes.byteLength > limits.archiveBytes) {
    throw new UserFacingError(
      'too-large',
      `${quote(archiveName)} is ${Math.round(bytes.byteLength / 1e6)} MB; run archives may be up to ${limits.archiveBytes / 1e6} MB.`,
      { file: archiveName }
    )
  }
  let count = 0
  let declared = 0
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes, {
      filter(file) {
        if (file.name.endsWith('/')) return false
        if (!ALLOWED.test(file.name)) {
          throw new UserFacingError(
            'archive-unsafe',
            `${quote(archiveName)} holds ${quote(file.name)}, which is not part of a Hindsight run; nothing was imported.`,
            { file: archiveName }
          )
        }
        count += 1
        // Declared sizes bound what is allocated; a lying entry is cut at its declared size.
        declared += file.originalSize
        if (count > limits.entries || declared > limits.unpackedBytes) {
          throw new UserFacingError(
            'too-large',
            `${quote(archiveName)} unpacks to more than ${limits.unpackedBytes / 1e6} MB or ${limits.entries} files; nothing was imported.`,
            { file: archiveName }
          )
        }
        return true
      }
    })
  } catch (error) {
    if (error instanceof UserFacingError) throw error
    throw new UserFacingError(
      'bad-archive',
      `${quote(archiveName)} is not a readable zip archive.`,
      {
        file: archiveName
      }
    )
  }
  return entries
}

function parseJson(bytes: Uint8Array | undefined): unknown {
  if (!bytes) return null
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown
  } catch {
    return null
  }
}

function checkManifest(archiveName: string, entries: Record<string, Uint8Array>): Manifest {
  const manifest = parseJson(entries[ARCHIVE_MANIFEST]) as Partial<Manifest> | null
  if (manifest?.schema !== ARCHIVE_SCHEMA || !entries[RUN_JSON]) {
    throw new UserFacingError(
      'bad-archive',
      `${quote(archiveName)} is not a Hindsight run archive (or one from a newer version).`,
      { file: archiveName }
    )
  }
  return manifest as Manifest
}

/** The model's weight files must be files of the archive's model folder. */
function checkModel(archiveName: string, entries: Record<string, Uint8Array>): void {
  const json = parseJson(entries[`${MODEL_DIR}/model.json`]) as {
    weightsManifest?: { paths?: unknown }[]
  } | null
  if (json === null) return
  const paths = (json.weightsManifest ?? []).flatMap((g) => (Array.isArray(g.paths) ? g.paths : []))
  for (const p of paths) {
    const name = typeof p === 'string' ? p.replace(/^\.\//, '') : ''
    if (!new RegExp(`^${SEGMENT}$`).test(name) || !entries[`${MODEL_DIR}/${name}`]) {
      throw new UserFacingError(
        'bad-archive',
        `${quote(archiveName)}: the model names a weights file ${quote(String(p))} that is not in its model folder.`,
        { file: archiveName }
      )
    }
  }
}

/**
 * Unpacks a run archive into the workspace under a new run id and returns the
 * new run. Nothing is left behind when the archive is refused.
 */
export async function importRunArchive(
  workspaceDir: string,
  archiveName: string,
  bytes: Uint8Array,
  limits: ArchiveLimits = LIMITS
): Promise<RunSummary> {
  const entries = unpack(archiveName, bytes, limits)
  const manifest = checkManifest(archiveName, entries)
  checkModel(archiveName, entries)
  const root = resolve(runsDir(workspaceDir))
  const id = newRunId()
  const finalDir = join(root, id)
  const stage = join(root, `.import-${id}-${randomBytes(3).toString('hex')}`)
  await mkdir(stage, { recursive: true })
  try {
    for (const [name, data] of Object.entries(entries)) {
      if (name === ARCHIVE_MANIFEST) continue
      const path = join(stage, name)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, data)
    }
    const run = await readRunFile(stage).catch(() => {
      throw new UserFacingError(
        'bad-archive',
        `${quote(archiveName)}: its run.json is not a readable run.`,
        { file: archiveName }
      )
    })
    if (run.evaluation !== null && !entries[`${MODEL_DIR}/model.json`]) {
      throw new UserFacingError(
        'bad-archive',
        `${quote(archiveName)} has test metrics but no model.`,
        { file: archiveName }
      )
    }
    const datasetEntry = manifest.dataset?.startsWith(`${DATASET_DIR}/`) ? manifest.dataset : null
    const data = datasetEntry ? entries[datasetEntry] : undefined
    if (data && run.dataset.hash && hashBytes(data) !== run.dataset.hash) {
      throw new UserFacingError(
        'bad-archive',
        `${quote(archiveName)}: its dataset is not the file the run was trained on (content hash differs).`,
        { file: archiveName }
      )
    }
    const raw = parseJson(entries[RUN_JSON]) as Record<string, unknown>
    const next = {
      ...raw,
      id,
      dir: finalDir,
      // An archive of a run cut short by a crash cannot be training here.
      status: run.status === 'running' ? 'interrupted' : run.status,
      dataset: {
        ...run.dataset,
        path: data && datasetEntry ? join(finalDir, datasetEntry) : run.dataset.path
      }
    }
    await writeJsonAtomic(join(stage, RUN_JSON), next)
    await rename(stage, finalDir)
  } catch (error) {
    await rm(stage, { recursive: true, force: true })
    throw error
  }
  return toRunSummary(await readRunFile(finalDir))
}

import { readdir, readFile, rm } from 'node:fs/promises'
import { isAbsolute, join, normalize, sep } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { UserFacingError } from '../errors'
import { writeFileAtomic, writeJsonAtomic } from './atomic-write'
import { FORMATS } from './schema'

export const MODEL_JSON = 'model.json'
const WEIGHTS_BIN = 'weights.bin'

export interface SaveOptions {
  /** Name of the weights file (default weights.bin); checkpoints name it by epoch. */
  weightsFile?: string
  /** Stored in model.json's userDefinedMetadata, beside the format (tfjs ignores it). */
  metadata?: Record<string, unknown>
  /** Schema version written in the metadata (default the model format). */
  format?: string
}

/**
 * Save a model as tfjs' model.json + weights with our own IO handler: tfjs
 * only has file:// handlers in tfjs-node, and this must work on wasm/cpu.
 * Weights are written before model.json, so a model.json on disk always has
 * its weights; model.json is the commit point. Weights files it no longer
 * names are removed afterwards.
 */
export async function saveModel(
  model: tf.LayersModel,
  dir: string,
  options: SaveOptions = {}
): Promise<void> {
  const weightsFile = options.weightsFile ?? WEIGHTS_BIN
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData
      const buffers =
        weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData]
      const bytes = Buffer.concat(buffers.map((b) => Buffer.from(b)))
      await writeFileAtomic(join(dir, weightsFile), bytes)
      await writeJsonAtomic(join(dir, MODEL_JSON), {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${weightsFile}`], weights: artifacts.weightSpecs ?? [] }],
        userDefinedMetadata: { format: options.format ?? FORMATS.model, ...options.metadata }
      })
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    })
  )
  for (const name of await readdir(dir)) {
    if (name !== weightsFile && name.endsWith('.bin')) await rm(join(dir, name), { force: true })
  }
}

export interface ModelManifest {
  modelTopology: object
  specs: tf.io.WeightsManifestEntry[]
  /** Weight files, resolved inside the model folder. */
  files: string[]
  metadata: Record<string, unknown>
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 }

/** Bytes the weights of a manifest take, when every dtype is a plain one. */
export function expectedWeightBytes(specs: tf.io.WeightsManifestEntry[]): number | null {
  let total = 0
  for (const spec of specs) {
    const size = DTYPE_BYTES[spec.dtype]
    if (size === undefined || spec.quantization) return null
    total += spec.shape.reduce((a, b) => a * b, 1) * size
  }
  return total
}

/**
 * model.json of a model folder, checked: every weights path must be a plain
 * file inside the folder (a hand-edited `../../x` is refused, not followed).
 */
export async function readModelManifest(dir: string): Promise<ModelManifest> {
  const path = join(dir, MODEL_JSON)
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UserFacingError('damaged-run', `${path} is missing.`, { file: path })
  })
  let json: {
    modelTopology?: object
    weightsManifest?: { paths?: unknown; weights?: tf.io.WeightsManifestEntry[] }[]
    userDefinedMetadata?: Record<string, unknown>
  }
  try {
    json = JSON.parse(text) as typeof json
  } catch {
    throw new UserFacingError('damaged-run', `${path} is not valid JSON (truncated?).`, {
      file: path
    })
  }
  if (typeof json.modelTopology !== 'object' || !Array.isArray(json.weightsManifest)) {
    throw new UserFacingError('damaged-run', `${path} is not a TensorFlow.js layers model.`, {
      file: path
    })
  }
  const files: string[] = []
  for (const group of json.weightsManifest) {
    const paths = Array.isArray(group.paths) ? (group.paths as unknown[]) : []
    for (const p of paths) files.push(insideFolder(dir, p, path))
  }
  return {
    modelTopology: json.modelTopology,
    specs: json.weightsManifest.flatMap((g) => g.weights ?? []),
    files,
    metadata: json.userDefinedMetadata ?? {}
  }
}

function insideFolder(dir: string, p: unknown, manifest: string): string {
  const rel = typeof p === 'string' ? normalize(p) : ''
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) {
    throw new UserFacingError(
      'damaged-run',
      `${manifest} names weights outside its folder (${JSON.stringify(p).slice(0, 60)}); it was edited by hand or is damaged.`,
      { file: manifest }
    )
  }
  return join(dir, rel)
}

/** Load a model saved by saveModel (or any tfjs layers model whose weights lie in its folder). */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const manifest = await readModelManifest(dir)
  const shards = await Promise.all(
    manifest.files.map((f) =>
      readFile(f).catch(() => {
        throw new UserFacingError('damaged-run', `The model's weights file ${f} is missing.`, {
          file: f
        })
      })
    )
  )
  const all = Buffer.concat(shards)
  const expected = expectedWeightBytes(manifest.specs)
  if (expected !== null && expected !== all.byteLength) {
    throw new UserFacingError(
      'damaged-run',
      `The model's weights in ${dir} are ${all.byteLength} bytes where ${expected} are expected (truncated or replaced).`,
      { file: dir }
    )
  }
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: manifest.modelTopology,
      weightSpecs: manifest.specs,
      weightData
    })
  )
}

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { writeFileAtomic, writeJsonAtomic } from './atomic-write'

const MODEL_JSON = 'model.json'
const WEIGHTS_BIN = 'weights.bin'

/**
 * Save a model as tfjs' model.json + weights.bin with our own IO handler:
 * tfjs only has file:// handlers in tfjs-node, and this must work on wasm/cpu.
 * Weights are written before model.json, so a model.json on disk always has
 * its weights.
 */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData
      const buffers =
        weightData === undefined ? [] : Array.isArray(weightData) ? weightData : [weightData]
      const bytes = Buffer.concat(buffers.map((b) => Buffer.from(b)))
      await writeFileAtomic(join(dir, WEIGHTS_BIN), bytes)
      await writeJsonAtomic(join(dir, MODEL_JSON), {
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy ?? null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }]
      })
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
    })
  )
}

/** Load a model saved by saveModel (or any single-shard tfjs layers model). */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as {
    modelTopology: object
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[]
  }
  const specs = json.weightsManifest.flatMap((g) => g.weights)
  const shards = await Promise.all(
    json.weightsManifest.flatMap((g) => g.paths).map((p) => readFile(join(dir, p)))
  )
  const all = Buffer.concat(shards)
  const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength)
  return tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData })
  )
}

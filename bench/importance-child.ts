/**
 * Importance by lag as the engine runs it, with the sources of the tree given as argv[2] (this
 * checkout, or the code at the filing from issue-baseline.ts): the reference model on
 * the fused kernels, 20 windows, KernelSHAP at time and feature level, mean baseline, through
 * that tree's own predictFnFor and globalImportance. One warm-up, then two timed runs; prints
 * JSON on the last line, with the time-level values so the two trees can be checked to
 * compute the same thing. Only APIs both trees have.
 */
async function main(): Promise<void> {
  const root = process.argv[2] ?? '.'
  const tf = await import('@tensorflow/tfjs')
  const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm')
  setWasmPaths(`${root}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`)
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend unavailable')
  await tf.ready()
  const { buildModel } = await import(`${root}/src/core/engine/model/build-model.ts`)
  const { predictFnFor } = await import(`${root}/src/core/engine/explain/model-fns.ts`)
  const { initKernels } = await import(`${root}/src/core/kernels/index.ts`)
  const { createRng, globalImportance, meanBaseline } = await import(`${root}/src/explain/index.ts`)
  const { REFERENCE_MODEL } = await import(`${root}/src/shared/model-config.ts`)
  await initKernels()
  const T = 60
  const shape = { steps: T, features: 1 }
  const model = buildModel(REFERENCE_MODEL, shape, 'fused')
  // The windows of explain-batch.ts: a smooth noisy series, 400 training windows, 20 explained.
  const rng = createRng(7)
  const series = Float32Array.from({ length: 4000 }, (_, i) => Math.sin(i / 9) + 0.2 * rng.normal())
  const train = new Float32Array(400 * T)
  for (let i = 0; i < 400; i++) train.set(series.subarray(i * 5, i * 5 + T), i * T)
  const count = 20
  const windows = new Float32Array(count * T)
  for (let i = 0; i < count; i++)
    windows.set(series.subarray(3000 + i * 7, 3000 + i * 7 + T), i * T)
  const baseline = meanBaseline(train, 400, shape)
  const request = { method: 'kernelshap', windows, count, shape, baseline, seed: 42 }
  const predict = predictFnFor(model, T, 1, 'fused')
  await globalImportance(request, predict)
  const seconds: number[] = []
  let result: { modelCalls: number; levels: Array<{ meanAbs: number[] }> } | null = null
  for (let r = 0; r < 2; r++) {
    const t0 = performance.now()
    result = await globalImportance(request, predict)
    seconds.push((performance.now() - t0) / 1000)
  }
  console.log(
    JSON.stringify({ seconds, modelCalls: result?.modelCalls, byLag: result?.levels[0]?.meanAbs })
  )
  process.exit(0)
}

void main()

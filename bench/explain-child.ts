/**
 * The explanation benchmark (explain-batch.ts) in a fresh process, run by bench/kernels.ts;
 * prints its result as JSON on the last line. Fresh because the "before" path (model.predict,
 * which allocates a [windows, steps, units] array per layer) slowed by up to 1.7× after the
 * larger-shape rows had grown the process's heaps, while the "after" path did not: measured
 * in the same process, the ratio flattered the batched path.
 */
import { benchExplainBatch } from './explain-batch'

async function main(): Promise<void> {
  const result = await benchExplainBatch(process.argv.includes('--quick'))
  console.log(JSON.stringify(result))
  process.exit(0)
}

void main()

// Batched inference through a stack of LSTM layers with shared prefixes (assembly/stack.ts).
// The windows are sorted; each sorted window shares its first `shared[p]` steps with the one
// before it, which gives the prefix tree of every contiguous block of sorted windows for free.
// The threads take blocks from a shared counter; each block runs every layer step by step.
import { executor } from './executor'
import { kernelHeap, loadRuntime, type KernelHeap } from './runtime'

export interface StackLayer {
  readonly units: number
  /** [nin, 4 units] */
  readonly kernel: Float32Array
  /** [units, 4 units] */
  readonly recurrent: Float32Array
  readonly bias: Float32Array | null
}

/** Windows per block: the states of a block's prefixes stay in L2 while every layer runs. */
const BLOCK_ROWS = 256
const HEAD_WORDS = 9
const LAYER_WORDS = 6

/** Lexicographic (step-major) order of the windows and the steps each shares with the one before. */
export function prefixOrder(
  batch: Float32Array,
  n: number,
  steps: number,
  features: number
): { order: Int32Array; shared: Int32Array } {
  const size = steps * features
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const oa = a * size
    const ob = b * size
    for (let i = 0; i < size; i++) {
      const d = batch[oa + i]! - batch[ob + i]!
      if (d !== 0) return d < 0 ? -1 : 1
    }
    return a - b
  })
  const shared = new Int32Array(n)
  for (let p = 1; p < n; p++) {
    const oa = order[p - 1]! * size
    const ob = order[p]! * size
    let i = 0
    // Not NaN-equal: a NaN ends the shared prefix, which is always safe.
    while (i < size && batch[oa + i] === batch[ob + i]) i++
    shared[p] = Math.floor(i / features)
  }
  return { order, shared }
}

interface Block {
  readonly start: number
  readonly end: number
  readonly counts: Int32Array
  readonly parents: Int32Array
  readonly inputs: Float32Array
  /** Prefix index at the last step of every sorted position in the block. */
  readonly lastGroup: Int32Array
  readonly maxRows: number
}

/** The prefix tree of sorted positions [start, end): prefixes per step, parents, inputs. */
function blockTree(
  batch: Float32Array,
  order: Int32Array,
  shared: Int32Array,
  start: number,
  end: number,
  steps: number,
  features: number
): Block {
  const isStart = (p: number, t: number): boolean => p === start || shared[p]! <= t
  const counts = new Int32Array(steps)
  for (let p = start + 1; p < end; p++) if (shared[p]! < steps) counts[shared[p]!]!++
  let total = 0
  let running = 1
  let maxRows = 0
  for (let t = 0; t < steps; t++) {
    running += t === 0 ? counts[0]! : counts[t]!
    counts[t] = running
    total += running
    maxRows = Math.max(maxRows, running)
  }
  const parents = new Int32Array(total)
  const inputs = new Float32Array(total * features)
  const size = steps * features
  let node = 0
  for (let t = 0; t < steps; t++) {
    let parent = -1
    for (let p = start; p < end; p++) {
      if (t > 0 && isStart(p, t - 1)) parent++
      if (!isStart(p, t)) continue
      parents[node] = parent
      const from = order[p]! * size + t * features
      inputs.set(batch.subarray(from, from + features), node * features)
      node++
    }
  }
  const lastGroup = new Int32Array(end - start)
  let group = -1
  for (let p = start; p < end; p++) {
    if (isStart(p, steps - 1)) group++
    lastGroup[p - start] = group
  }
  return { start, end, counts, parents, inputs, lastGroup, maxRows }
}

/** f32 words of one thread's scratch: per layer A, H, C, then the gates of the widest. */
function scratchLayout(layers: readonly StackLayer[], rows: number, features: number): number[] {
  const offsets: number[] = []
  let at = 0
  let nin = features
  for (const layer of layers) {
    offsets.push(at, at + rows * (nin + layer.units), at + rows * (nin + 2 * layer.units))
    at += rows * (nin + 3 * layer.units)
    nin = layer.units
  }
  offsets.push(at)
  return offsets
}

/**
 * The last step's hidden state of the stack's last layer for n windows [steps, features]
 * (row-major in batch): [n, units of the last layer]. Every layer but the last returns sequences.
 */
export function stackPredict(
  layers: readonly StackLayer[],
  batch: Float32Array,
  n: number,
  steps: number,
  features: number
): Float32Array {
  const last = layers.at(-1)?.units ?? 0
  if (n === 0 || last === 0) return new Float32Array(0)
  const ex = loadRuntime().exports
  const heap = kernelHeap()
  const run = executor()
  const { order, shared } = prefixOrder(batch, n, steps, features)
  const parts = run.parts(n)
  const blockCount = Math.max(parts, Math.ceil(n / BLOCK_ROWS))
  const blocks: Block[] = []
  for (let i = 0; i < blockCount; i++) {
    const start = Math.floor((i * n) / blockCount)
    const end = Math.floor(((i + 1) * n) / blockCount)
    if (end > start) blocks.push(blockTree(batch, order, shared, start, end, steps, features))
  }
  // Biggest blocks first: the threads take blocks from a shared counter, and small ones last
  // even out the finish.
  blocks.sort((x, y) => y.parents.length - x.parents.length)
  const owned: number[] = []
  const alloc = (floats: number): number => {
    const p = heap.alloc(floats)
    owned.push(p)
    return p
  }
  let nin = features
  const weights = layers.map((l) => {
    const k = nin + l.units
    nin = l.units
    return {
      k,
      wr: alloc(k * 4 * l.units),
      packed: alloc(ex.packedSize(k, 4 * l.units)),
      bias: l.bias ? alloc(l.bias.length) : 0
    }
  })
  const placed = blocks.map((b) => ({
    block: b,
    counts: alloc(steps),
    parents: alloc(b.parents.length),
    inputs: alloc(b.inputs.length),
    out: alloc(b.counts[steps - 1]! * last)
  }))
  const rows = Math.max(...blocks.map((b) => b.maxRows))
  const layout = scratchLayout(layers, rows, features)
  const widest = Math.max(...layers.map((l) => 4 * l.units))
  const threads = Array.from({ length: Math.min(parts, blocks.length) }, () => ({
    scratch: alloc(layout.at(-1)! + rows * widest + 8),
    descs: placed.map(() => alloc(HEAD_WORDS + LAYER_WORDS * layers.length)),
    list: alloc(placed.length)
  }))
  const counter = alloc(1)
  const view = heap.view()
  const ints = new Int32Array(view.buffer, view.byteOffset, view.length)
  ints[counter >> 2] = 0
  layers.forEach((l, i) => {
    const w = weights[i]!
    view.set(l.kernel, w.wr >> 2)
    view.set(l.recurrent, (w.wr >> 2) + l.kernel.length)
    if (l.bias) view.set(l.bias, w.bias >> 2)
    ex.pack(w.wr, 4 * l.units, w.k, 4 * l.units, w.packed)
  })
  for (const d of placed) {
    ints.set(d.block.counts, d.counts >> 2)
    ints.set(d.block.parents, d.parents >> 2)
    view.set(d.block.inputs, d.inputs >> 2)
  }
  for (const { scratch, descs, list } of threads) {
    const gates = scratch + 4 * layout.at(-1)!
    placed.forEach((d, i) => {
      ints[(list >> 2) + i] = descs[i]!
      const head = [layers.length, steps, features, d.counts, d.parents, d.inputs, d.out]
      head.push(gates, gates + 4 * rows * widest)
      layers.forEach((l, li) => {
        const [a = 0, h = 0, c = 0] = layout.slice(3 * li, 3 * li + 3)
        const w = weights[li]!
        head.push(l.units, w.packed, w.bias, scratch + 4 * a, scratch + 4 * h, scratch + 4 * c)
      })
      ints.set(head, descs[i]! >> 2)
    })
  }
  run.run(
    ex,
    threads.map((t) => ({ fn: 'lstmStackBlocks', args: [t.list, placed.length, counter] }))
  )
  const out = new Float32Array(n * last)
  for (const { block, out: o } of placed) {
    for (let p = block.start; p < block.end; p++) {
      const from = (o >> 2) + block.lastGroup[p - block.start]! * last
      out.set(view.subarray(from, from + last), order[p]! * last)
    }
  }
  release(heap, owned)
  return out
}

function release(heap: KernelHeap, pointers: readonly number[]): void {
  for (const p of pointers) heap.release(p)
}

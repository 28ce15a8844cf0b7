// Worker threads for the kernels. Each worker instantiates the same compiled module on the
// same shared memory and sleeps on its slot of a control block (Atomics.wait); the main thread
// writes a call into the slot, wakes it, runs its own part of the batch and waits for the
// others. The calls stay synchronous, which is what tfjs' customGrad needs, and nothing is
// copied: every thread reads and writes its own rows of the shared buffers.
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import {
  serialExecutor,
  setExecutor,
  type Executor,
  type KernelCall,
  type KernelName
} from './executor'
import { CONTROL_BYTES, type KernelRuntime } from './runtime'

const SLOT_INTS = 64
const MAX_ARGS = SLOT_INTS - 4
const STATE = 0
const FN = 1
const ARGC = 2
const FAILED = 3
const IDLE = 0
const REQUEST = 1
const DONE = 2
const EXIT = 3
/** Fewer rows than this per part and the hand-off costs more than it saves. */
const MIN_ROWS_PER_PART = 8
const WAIT_LIMIT_MS = 120_000
/**
 * How long an idle worker spins before it sleeps: a training step's calls come a few ms apart,
 * and a sleeping worker took ~0.5 ms to wake (measured per call in an epoch), a third of a call.
 */
const SPIN_MS = 4
/** Polls of a part's state before the caller sleeps on it (~1 ms). */
const SPIN_CHECKS = 2_000_000

const NAMES: readonly KernelName[] = [
  'lstmForward',
  'lstmBackward',
  'gruForward',
  'gruBackward',
  'lstmStackBlocks'
]

// Plain CommonJS so it runs from a string (no bundler or loader involved).
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const { module, memory, slot, names } = workerData
const exports = new WebAssembly.Instance(module, { env: { memory } }).exports
const ctl = new Int32Array(memory.buffer, slot * ${SLOT_INTS * 4}, ${SLOT_INTS})
for (;;) {
  let state = Atomics.load(ctl, ${STATE})
  // Spin a little before sleeping (SPIN_MS).
  const until = performance.now() + ${SPIN_MS}
  for (let n = 1; state !== ${REQUEST} && state !== ${EXIT}; n++) {
    if ((n & 255) === 0 && performance.now() > until) break
    state = Atomics.load(ctl, ${STATE})
  }
  while (state !== ${REQUEST} && state !== ${EXIT}) {
    Atomics.wait(ctl, ${STATE}, state)
    state = Atomics.load(ctl, ${STATE})
  }
  if (state === ${EXIT}) break
  const args = Array.from(ctl.subarray(4, 4 + ctl[${ARGC}]))
  try {
    exports[names[ctl[${FN}]]](...args)
    ctl[${FAILED}] = 0
  } catch (error) {
    ctl[${FAILED}] = 1
  }
  Atomics.store(ctl, ${STATE}, ${DONE})
  Atomics.notify(ctl, ${STATE})
}
`

interface Pool {
  readonly workers: Worker[]
  readonly slots: Int32Array[]
}

let pool: Pool | null = null

/** Worker count: HINDSIGHT_KERNEL_THREADS (total threads) or one per extra core, at most 3. */
export function workerCount(env: Record<string, string | undefined> = process.env): number {
  const forced = Number.parseInt(env['HINDSIGHT_KERNEL_THREADS'] ?? '', 10)
  const threads = Number.isFinite(forced) && forced > 0 ? forced : availableParallelism()
  const maxSlots = Math.floor(CONTROL_BYTES / (SLOT_INTS * 4))
  return Math.max(0, Math.min(threads - 1, 3, maxSlots))
}

function threadedExecutor(p: Pool): Executor {
  return {
    parts: (nb) => Math.max(1, Math.min(p.slots.length + 1, Math.floor(nb / MIN_ROWS_PER_PART))),
    run(exports, calls: readonly KernelCall[]) {
      const [own, ...rest] = calls
      if (!own) return
      if (rest.length > p.slots.length) throw new Error('more kernel parts than threads')
      rest.forEach((call, i) => {
        const ctl = p.slots[i]
        if (!ctl) return
        if (call.args.length > MAX_ARGS) throw new Error(`${call.fn}: too many arguments`)
        ctl[FN] = NAMES.indexOf(call.fn)
        ctl[ARGC] = call.args.length
        ctl.set(call.args, 4)
        Atomics.store(ctl, STATE, REQUEST)
        Atomics.notify(ctl, STATE)
      })
      let ownError: unknown = null
      try {
        exports[own.fn](...own.args)
      } catch (error) {
        ownError = error
      }
      const failed: string[] = []
      rest.forEach((call, i) => {
        const ctl = p.slots[i]
        if (!ctl) return
        // The other parts usually finish within microseconds of ours: spin before sleeping.
        for (let n = 0; n < SPIN_CHECKS && Atomics.load(ctl, STATE) !== DONE; n++);
        const deadline = Date.now() + WAIT_LIMIT_MS
        while (Atomics.load(ctl, STATE) !== DONE) {
          if (Date.now() > deadline) throw new Error(`kernel worker ${i} did not answer`)
          Atomics.wait(ctl, STATE, REQUEST, 1000)
        }
        if (ctl[FAILED] !== 0) failed.push(call.fn)
        Atomics.store(ctl, STATE, IDLE)
      })
      if (ownError !== null) throw ownError
      if (failed.length > 0) throw new Error(`kernel worker failed in ${failed.join(', ')}`)
    }
  }
}

/** Starts the workers (none on a single core) and routes kernel calls through them. */
export async function startThreads(rt: KernelRuntime, count = workerCount()): Promise<void> {
  if (pool || count <= 0) return
  const buffer = rt.memory.buffer
  const slots = Array.from(
    { length: count },
    (_, i) => new Int32Array(buffer, i * SLOT_INTS * 4, SLOT_INTS)
  )
  slots.forEach((s) => s.fill(0))
  const workers = slots.map(
    (_, slot) =>
      new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module: rt.module, memory: rt.memory, slot, names: NAMES }
      })
  )
  // Wait until every worker is up (or failed) before handing it work.
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          w.once('online', () => resolve())
          w.once('error', reject)
        })
    )
  )
  for (const w of workers) w.unref()
  pool = { workers, slots }
  setExecutor(threadedExecutor(pool))
}

export async function stopThreads(): Promise<void> {
  const p = pool
  if (!p) return
  pool = null
  setExecutor(serialExecutor)
  for (const ctl of p.slots) {
    Atomics.store(ctl, STATE, EXIT)
    Atomics.notify(ctl, STATE)
  }
  await Promise.all(p.workers.map((w) => w.terminate()))
}

export function threadCount(): number {
  return (pool?.slots.length ?? 0) + 1
}

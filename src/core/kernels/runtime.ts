// Loads the recurrent kernels (wasm/rnn.wasm, embedded as base64) into one shared memory
// and hands out scratch space for a call. The module keeps no state, so the same memory can
// be driven from the main thread and from worker threads (see threads.ts).
import { setFlagsFromString } from 'node:v8'
import { RNN_RELAXED_WASM_BASE64, RNN_WASM_BASE64, RNN_WASM_MAXIMUM_PAGES } from './wasm/rnn-wasm'

/** The exports of assembly/index.ts; every pointer is a byte offset into the memory. */
export interface KernelExports {
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    asi: number,
    ask: number,
    b: number,
    ldb: number,
    c: number,
    ldc: number,
    accumulate: number
  ): void
  addInto(dst: number, src: number, n: number): void
  /** v[i] *= m[i]. */
  mulInto(v: number, m: number, n: number): void
  /** Adam in place (see assembly/adam.ts): w, g, m, v, n, b1, b2, c1, c2, eps, −lr, 1 − β1ᵗ, 1 − β2ᵗ. */
  adam(...args: number[]): void
  /** Inverted dropout with fillDropoutMask's stream: see assembly/dropout.ts. */
  dropout(
    src: number,
    dst: number,
    mask: number,
    n: number,
    threshold: number,
    scale: number,
    seed: number
  ): void
  pack(b: number, ldb: number, k: number, n: number, dst: number): void
  packedSize(k: number, n: number): number
  activate(kind: number, src: number, n: number, dst: number): void
  initConstants(): void
  lstmForwardScratch(nb: number, nt: number, nf: number, nu: number): number
  lstmBackwardScratch(nb: number, nt: number, nf: number, nu: number): number
  gruForwardScratch(nb: number, nt: number, nf: number, nu: number): number
  gruBackwardScratch(nb: number, nt: number, nf: number, nu: number): number
  lstmForward(...args: number[]): void
  lstmBackward(...args: number[]): void
  gruForward(...args: number[]): void
  gruBackward(...args: number[]): void
  /** (descriptor list, count): see assembly/stack.ts. */
  lstmStackBlocks(...args: number[]): void
}

/** The few WebAssembly JS API members used here (the node tsconfig has no DOM lib). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike
  grow(pages: number): number
}
interface WasmApi {
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: object }
  validate(bytes: Uint8Array): boolean
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly

const PAGE = 65536
/**
 * Bytes at the start of the memory reserved for the worker control block (first 1 KiB) and the
 * activation constants (from 2 KiB, see assembly/math.ts).
 */
export const CONTROL_BYTES = 1024
const HEAP_BASE = PAGE
const GUARD_BYTES = 16

/** 'relaxed': built with relaxed SIMD (fused multiply-add); 'baseline': 128-bit SIMD only. */
export type KernelVariant = 'relaxed' | 'baseline'

export interface KernelRuntime {
  readonly module: object
  readonly memory: WasmMemory
  readonly exports: KernelExports
  readonly variant: KernelVariant
  /** Why this variant (for the bench and the logs). */
  readonly variantReason: string
}

let runtime: KernelRuntime | null = null
let loadError: string | null = null

function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}

/**
 * The relaxed-SIMD build where this engine validates it: natively (Electron 45's V8) or after
 * turning on Node 20's --experimental-wasm-relaxed-simd, which V8 reads when it validates a
 * module. HINDSIGHT_KERNEL_SIMD=baseline|relaxed forces one (relaxed still needs the engine).
 */
export function chooseVariant(
  api: Pick<WasmApi, 'validate'>,
  env: Record<string, string | undefined> = process.env,
  enableFlag: () => void = () => setFlagsFromString('--experimental-wasm-relaxed-simd')
): { variant: KernelVariant; reason: string } {
  const forced = env['HINDSIGHT_KERNEL_SIMD']?.trim().toLowerCase()
  if (forced === 'baseline') {
    return { variant: 'baseline', reason: 'HINDSIGHT_KERNEL_SIMD=baseline' }
  }
  const relaxed = decodeBase64(RNN_RELAXED_WASM_BASE64)
  if (api.validate(relaxed)) return { variant: 'relaxed', reason: 'relaxed SIMD is native here' }
  try {
    enableFlag()
  } catch {
    // No V8 flags here: the check below fails and the baseline build runs.
  }
  if (api.validate(relaxed)) {
    return { variant: 'relaxed', reason: 'relaxed SIMD enabled (--experimental-wasm-relaxed-simd)' }
  }
  return { variant: 'baseline', reason: 'this engine has no relaxed SIMD' }
}

/**
 * A fresh instance of one build on its own memory (loadRuntime keeps one; the parity tests
 * compare both builds side by side).
 */
export function instantiateVariant(
  variant: KernelVariant,
  reason: string = variant
): KernelRuntime {
  if (!wasmApi) throw new Error('this JavaScript engine has no WebAssembly')
  const bytes = variant === 'relaxed' ? RNN_RELAXED_WASM_BASE64 : RNN_WASM_BASE64
  const module = new wasmApi.Module(decodeBase64(bytes))
  const memory = new wasmApi.Memory({ initial: 2, maximum: RNN_WASM_MAXIMUM_PAGES, shared: true })
  const instance = new wasmApi.Instance(module, { env: { memory } })
  const exports = instance.exports as KernelExports
  // The activation constants live in the shared memory; workers see the same table.
  exports.initConstants()
  return { module, memory, exports, variant, variantReason: reason }
}

/** Compiles and instantiates the module once; throws with the reason when it cannot. */
export function loadRuntime(): KernelRuntime {
  if (runtime) return runtime
  if (loadError !== null) throw new Error(loadError)
  try {
    if (!wasmApi) throw new Error('this JavaScript engine has no WebAssembly')
    const choice = chooseVariant(wasmApi)
    runtime = instantiateVariant(choice.variant, choice.reason)
    return runtime
  } catch (error) {
    loadError = `WebAssembly SIMD kernels unavailable: ${(error as Error).message}`
    throw new Error(loadError)
  }
}

/** Null when the kernels load, else the reason they do not. */
export function runtimeError(): string | null {
  try {
    loadRuntime()
    return null
  } catch (error) {
    return (error as Error).message
  }
}

/**
 * First-fit allocator over the module memory (16-byte aligned byte offsets). Forward passes keep
 * their gates and states here until the matching backward pass releases them, so training never
 * copies them out and back in. Growing the memory replaces its buffer: take views after the
 * last alloc() of a call.
 */
export class KernelHeap {
  /** Free blocks as [start, bytes], sorted by start and coalesced. */
  private readonly free: Array<[number, number]> = []
  private readonly sizes = new Map<number, number>()
  private end = HEAP_BASE

  constructor(private readonly rt: KernelRuntime) {}

  alloc(floats: number): number {
    const bytes = Math.max(16, Math.ceil((floats * 4) / 16) * 16)
    for (let i = 0; i < this.free.length; i++) {
      const block = this.free[i]
      if (!block || block[1] < bytes) continue
      const p = block[0]
      if (block[1] === bytes) this.free.splice(i, 1)
      else this.free[i] = [p + bytes, block[1] - bytes]
      this.sizes.set(p, bytes)
      return p
    }
    // Nothing fits: extend the last free block if it reaches the end, else append.
    const last = this.free.at(-1)
    let p = this.end
    if (last && last[0] + last[1] === this.end) {
      p = last[0]
      this.free.pop()
    }
    this.end = p + bytes
    // A guard of 16 bytes after the last block: the GEMM reads B rows 16 bytes wide.
    const have = this.rt.memory.buffer.byteLength
    const need = this.end + GUARD_BYTES
    if (need > have) this.rt.memory.grow(Math.ceil((need - have) / PAGE))
    this.sizes.set(p, bytes)
    return p
  }

  release(p: number): void {
    const bytes = this.sizes.get(p)
    if (bytes === undefined) return
    this.sizes.delete(p)
    let i = this.free.findIndex(([start]) => start > p)
    if (i < 0) i = this.free.length
    this.free.splice(i, 0, [p, bytes])
    // Coalesce with the neighbours.
    const next = this.free[i + 1]
    const cur = this.free[i]
    if (cur && next && cur[0] + cur[1] === next[0]) {
      cur[1] += next[1]
      this.free.splice(i + 1, 1)
    }
    const prev = this.free[i - 1]
    const merged = this.free[i]
    if (prev && merged && prev[0] + prev[1] === merged[0]) {
      prev[1] += merged[1]
      this.free.splice(i, 1)
    }
  }

  /** Bytes currently handed out (for tests and leak checks). */
  inUse(): number {
    let total = 0
    for (const bytes of this.sizes.values()) total += bytes
    return total
  }

  view(): Float32Array {
    return new Float32Array(this.rt.memory.buffer)
  }
}

let heap: KernelHeap | null = null

export function kernelHeap(): KernelHeap {
  heap ??= new KernelHeap(loadRuntime())
  return heap
}

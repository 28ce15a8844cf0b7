// Loads the recurrent kernels (wasm/rnn.wasm, embedded as base64) into one shared memory
// and hands out scratch space for a call. The module keeps no state, so the same memory can
// be driven from the main thread and from worker threads (see threads.ts).
import { RNN_WASM_BASE64, RNN_WASM_MAXIMUM_PAGES } from './wasm/rnn-wasm'

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
  activate(kind: number, src: number, n: number, dst: number): void
  lstmForwardScratch(nb: number, nt: number, nf: number, nu: number): number
  lstmBackwardScratch(nb: number, nt: number, nf: number, nu: number): number
  gruForwardScratch(nb: number, nt: number, nf: number, nu: number): number
  gruBackwardScratch(nb: number, nt: number, nf: number, nu: number): number
  lstmForward(...args: number[]): void
  lstmBackward(...args: number[]): void
  gruForward(...args: number[]): void
  gruBackward(...args: number[]): void
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
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly

const PAGE = 65536
/** Bytes at the start of the memory reserved for the worker control block. */
export const CONTROL_BYTES = 4096
const HEAP_BASE = PAGE

export interface KernelRuntime {
  readonly module: object
  readonly memory: WasmMemory
  readonly exports: KernelExports
}

let runtime: KernelRuntime | null = null
let loadError: string | null = null

function decodeBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}

/** Compiles and instantiates the module once; throws with the reason when it cannot. */
export function loadRuntime(): KernelRuntime {
  if (runtime) return runtime
  if (loadError !== null) throw new Error(loadError)
  try {
    if (!wasmApi) throw new Error('this JavaScript engine has no WebAssembly')
    const module = new wasmApi.Module(decodeBase64(RNN_WASM_BASE64))
    const memory = new wasmApi.Memory({
      initial: 2,
      maximum: RNN_WASM_MAXIMUM_PAGES,
      shared: true
    })
    const instance = new wasmApi.Instance(module, { env: { memory } })
    runtime = { module, memory, exports: instance.exports as KernelExports }
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
 * Bump allocator over the module memory for one kernel call. Pointers are 16-byte aligned
 * byte offsets; call ensure() after the last alloc(), then take views (growing the memory
 * replaces its buffer).
 */
export class Arena {
  private top = HEAP_BASE
  constructor(private readonly rt: KernelRuntime) {}

  alloc(floats: number): number {
    const p = this.top
    this.top += Math.ceil((floats * 4) / 16) * 16
    return p
  }

  ensure(): Float32Array {
    const need = this.top
    const have = this.rt.memory.buffer.byteLength
    if (need > have) this.rt.memory.grow(Math.ceil((need - have) / PAGE))
    return new Float32Array(this.rt.memory.buffer)
  }
}

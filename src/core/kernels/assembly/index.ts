// Entry point of the recurrent kernels module (built by scripts/build-kernels.mjs).
// Every export works on raw f32 pointers into the imported (shared) memory and keeps no
// state, so any number of threads can run them on disjoint buffers.
import { f4 } from './common'
import { Act, initConstants } from './math'

export { addInto, colSum, gemm, transpose } from './gemm'
export { initConstants }
export { gruBackward, gruBackwardScratch, gruForward, gruForwardScratch } from './gru'
export { lstmBackward, lstmBackwardScratch, lstmForward, lstmForwardScratch } from './lstm'
export { mulInto } from './common'
export { adam } from './adam'
export { dropout } from './dropout'
export { lstmStackBlocks } from './stack'
export { pack, packedSize } from './packed'

/** dst = sigmoid(src) (kind 0) or tanh(src) (kind 1); used by the accuracy tests. */
export function activate(kind: i32, src: usize, n: i32, dst: usize): void {
  let i = 0
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(src + f4(i))
    v128.store(dst + f4(i), kind === 0 ? Act.vsigmoid(v) : Act.vtanh(v))
  }
  for (; i < n; i++) {
    const v = load<f32>(src + f4(i))
    store<f32>(dst + f4(i), kind === 0 ? Act.ssigmoid(v) : Act.stanh(v))
  }
}

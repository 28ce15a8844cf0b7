// Inference through a whole stack of LSTM layers, step by step (every layer at step t before
// step t + 1), over a prefix tree of the windows: windows that agree on their first steps share
// those steps' states, so a masked window (an explanation's coalition) pays only from the step
// where it leaves the windows it shares a prefix with. Per step and layer one GEMM
// [M_t, nin + nu] x [W; R] with M_t the distinct prefixes at step t, so the working set is a few
// rows of state per layer instead of whole sequences.
//
// A block descriptor is i32 words:
//   0 layers, 1 steps, 2 features, 3 counts ptr (i32 [steps]: prefixes at each step),
//   4 parents ptr (i32 per node, step-major: its prefix's index at the step before; the nodes of
//   a step are in sorted order, so parent[j] <= j), 5 inputs ptr (f32 [nodes, features]),
//   6 out ptr (f32 [counts[steps - 1], units of the last layer]),
//   7 gates ptr (f32 [rows, 4 units of the widest layer]),
//   8 tmp ptr (8 f32),
//   9 + 6l: units, [W; R] packed (packed.ts; [nin + units, 4 units]), bias ptr (0: none),
//           A ptr (f32 [rows, nin + units]: input then h_{t-1}), H ptr and C ptr (f32 [rows, units]),
// where rows is the most prefixes of any step. The caller owns every buffer (no allocation here).
import { f4 } from './common'
import { gemmPacked } from './packed'
import { Act } from './math'

const HEAD = 9
const LAYER_WORDS = 6

class Ops {
  @inline
  static word(desc: usize, i: i32): i32 {
    return load<i32>(desc + ((<usize>i) << 2))
  }

  /** dst[i] = src[i] for i < n (memory.copy is a call: too dear for one row of state). */
  @inline
  static copyRow(dst: usize, src: usize, n: i32): void {
    let i = 0
    for (; i + 4 <= n; i += 4) v128.store(dst + f4(i), v128.load(src + f4(i)))
    for (; i < n; i++) store<f32>(dst + f4(i), load<f32>(src + f4(i)))
  }

  @inline
  static gate(z: usize, bias: usize, o: usize): v128 {
    const v = v128.load(z + o)
    return bias !== 0 ? f32x4.add(v, v128.load(bias + o)) : v
  }

  @inline
  static sgate(z: usize, bias: usize, o: usize): f32 {
    return load<f32>(z + o) + (bias !== 0 ? load<f32>(bias + o) : 0)
  }
}

/**
 * z = the GEMM's x W + h R (bias added here); c = f c + i g (c = i g at the first step),
 * h = o tanh(c), written to h1 and to h2 (when not 0).
 */
function cellInfer(
  z: usize,
  bias: usize,
  c: usize,
  first: bool,
  h1: usize,
  h2: usize,
  nu: i32
): void {
  const u = f4(nu)
  let j = 0
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const ig = Act.vsigmoid(Ops.gate(z, bias, o))
    const gg = Act.vtanh(Ops.gate(z, bias, 2 * u + o))
    const og = Act.vsigmoid(Ops.gate(z, bias, 3 * u + o))
    let cv = f32x4.mul(ig, gg)
    if (!first) cv = Act.madd(Act.vsigmoid(Ops.gate(z, bias, u + o)), v128.load(c + o), cv)
    v128.store(c + o, cv)
    const h = f32x4.mul(og, Act.vtanh(cv))
    v128.store(h1 + o, h)
    if (h2 !== 0) v128.store(h2 + o, h)
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const ig = Act.ssigmoid(Ops.sgate(z, bias, o))
    const gg = Act.stanh(Ops.sgate(z, bias, 2 * u + o))
    const og = Act.ssigmoid(Ops.sgate(z, bias, 3 * u + o))
    let cv = ig * gg
    if (!first) cv += Act.ssigmoid(Ops.sgate(z, bias, u + o)) * load<f32>(c + o)
    store<f32>(c + o, cv)
    const h = og * Act.stanh(cv)
    store<f32>(h1 + o, h)
    if (h2 !== 0) store<f32>(h2 + o, h)
  }
}

/**
 * Runs blocks of the descriptor list: all of them in order when counter is 0, else whichever
 * the shared counter hands out next (atomic), so threads given the same blocks (each its own
 * descriptors, pointing at its own scratch) split them by how fast each gets through.
 */
export function lstmStackBlocks(descs: usize, count: i32, counter: usize): void {
  if (counter === 0) {
    for (let i = 0; i < count; i++) stackBlock(load<i32>(descs + ((<usize>i) << 2)))
    return
  }
  for (;;) {
    const i = atomic.add<i32>(counter, 1)
    if (i >= count) break
    stackBlock(load<i32>(descs + ((<usize>i) << 2)))
  }
}

function stackBlock(desc: usize): void {
  const nl = Ops.word(desc, 0)
  const nt = Ops.word(desc, 1)
  const nf = Ops.word(desc, 2)
  const counts = <usize>Ops.word(desc, 3)
  const parents = <usize>Ops.word(desc, 4)
  const inputs = <usize>Ops.word(desc, 5)
  const out = <usize>Ops.word(desc, 6)
  const gates = <usize>Ops.word(desc, 7)
  const tmp = <usize>Ops.word(desc, 8)
  let nin = nf
  let node = 0
  let prevRows = 0
  for (let t = 0; t < nt; t++) {
    const rows = load<i32>(counts + ((<usize>t) << 2))
    const par = parents + f4(node)
    const identity = rows === prevRows
    nin = nf
    for (let l = 0; l < nl; l++) {
      const at = HEAD + LAYER_WORDS * l
      const nu = Ops.word(desc, at)
      const wr = <usize>Ops.word(desc, at + 1)
      const bias = <usize>Ops.word(desc, at + 2)
      const al = <usize>Ops.word(desc, at + 3)
      const hl = <usize>Ops.word(desc, at + 4)
      const cl = <usize>Ops.word(desc, at + 5)
      const k = nin + nu
      if (l === 0) {
        // The layer-1 input of this step's prefixes.
        for (let j = 0; j < rows; j++) Ops.copyRow(al + f4(j * k), inputs + f4((node + j) * nf), nf)
      }
      if (t > 0) {
        // h_{t-1} of each prefix's parent into A's recurrent columns; c in place (parent <= j).
        for (let j = rows - 1; j >= 0; j--) {
          const pj = identity ? j : load<i32>(par + f4(j))
          Ops.copyRow(al + f4(j * k + nin), hl + f4(pj * nu), nu)
          if (pj !== j) Ops.copyRow(cl + f4(j * nu), cl + f4(pj * nu), nu)
        }
      } else {
        // h_{-1} = 0. The GEMM still runs over all k rows of [W; R]: the packed panels' stride
        // is k, so a shorter depth would read the later panels from the wrong place.
        for (let j = 0; j < rows; j++) memory.fill(al + f4(j * k + nin), 0, f4(nu))
      }
      const g4 = 4 * nu
      gemmPacked(rows, g4, k, al, k, 1, wr, gates, g4, 0, tmp)
      const last = l === nl - 1
      const next = last ? 0 : <usize>Ops.word(desc, at + LAYER_WORDS + 3)
      const nk = last ? 0 : Ops.word(desc, at + LAYER_WORDS) + nu
      for (let j = 0; j < rows; j++) {
        const h2 = last ? (t === nt - 1 ? out + f4(j * nu) : 0) : next + f4(j * nk)
        cellInfer(gates + f4(j * g4), bias, cl + f4(j * nu), t === 0, hl + f4(j * nu), h2, nu)
      }
      nin = nu
    }
    node += rows
    prevRows = rows
  }
}

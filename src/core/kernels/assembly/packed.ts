// GEMM with B packed in column panels: C[m, n] (+)= A(m x k) * B, B stored as ceil(n / 8)
// panels of [k, 8] floats, each contiguous (the last one zero-padded). Row-major B with a wide
// row (4U floats: 4 KiB at U = 256) puts every row of an 8-column panel in the same L1 set, so
// the panel does not stay in L1 while the row tiles sweep it; a packed panel does. Weights are
// packed once per kernel call and reused by every time step and row of the batch.
import { Tile } from './gemm'
import { Act } from './math'

const KC: i32 = 256
const PANEL: usize = 32

/** Floats a packed copy of a [k, n] matrix takes. */
export function packedSize(k: i32, n: i32): i32 {
  return ((n + 7) >> 3) * 8 * k
}

/** Packs B [k, n] (leading dimension ldb) into panels at dst. */
export function pack(b: usize, ldb: i32, k: i32, n: i32, dst: usize): void {
  const sb = (<usize>ldb) << 2
  for (let j = 0; j < n; j += 8) {
    const w = min(8, n - j)
    const panel = dst + <usize>(j >> 3) * <usize>k * PANEL
    for (let p = 0; p < k; p++) {
      const from = b + <usize>p * sb + ((<usize>j) << 2)
      const to = panel + <usize>p * PANEL
      if (w === 8) {
        v128.store(to, v128.load(from))
        v128.store(to, v128.load(from, 16), 16)
      } else {
        for (let q = 0; q < 8; q++)
          store<f32>(to + ((<usize>q) << 2), q < w ? load<f32>(from + ((<usize>q) << 2)) : 0)
      }
    }
  }
}

/** Packs B = S^T for S [rows, cols] (so B is [cols, rows]): the backward pass's R^T and W^T. */
export function packTransposed(src: usize, rows: i32, cols: i32, dst: usize): void {
  for (let j = 0; j < rows; j += 8) {
    const w = min(8, rows - j)
    const panel = dst + <usize>(j >> 3) * <usize>cols * PANEL
    for (let p = 0; p < cols; p++) {
      const to = panel + <usize>p * PANEL
      for (let q = 0; q < 8; q++) {
        const v: f32 = q < w ? load<f32>(src + ((<usize>((j + q) * cols + p)) << 2)) : 0
        store<f32>(to + ((<usize>q) << 2), v)
      }
    }
  }
}

/** Row of a tile with w < 8 valid columns: load (for accumulation) and store only those. */
class Part {
  @inline
  static load(c: usize, w: i32, hi: bool): v128 {
    const q = hi ? w - 4 : w
    if (q >= 4) return v128.load(c + (hi ? 16 : 0))
    if (q <= 0) return f32x4.splat(0)
    return Tile.loadPart(c + (hi ? 16 : 0), q)
  }

  @inline
  static store(c: usize, v: v128, w: i32, hi: bool): void {
    const q = hi ? w - 4 : w
    if (q >= 4) v128.store(c + (hi ? 16 : 0), v)
    else if (q > 0) Tile.storePart(c + (hi ? 16 : 0), v, q)
  }

  @inline
  static row(c: usize, v0: v128, v1: v128, w: i32, acc: bool): void {
    let x0 = v0
    let x1 = v1
    if (acc) {
      x0 = f32x4.add(x0, Part.load(c, w, false))
      x1 = f32x4.add(x1, Part.load(c, w, true))
    }
    Part.store(c, x0, w, false)
    Part.store(c, x1, w, true)
  }
}

/** A 4 x 8 tile of the last panel, keeping its w < 8 valid columns. */
function tile4x8w(
  k: i32,
  w: i32,
  a: usize,
  sai: usize,
  sak: usize,
  b: usize,
  c: usize,
  sc: usize,
  acc: bool
): void {
  let c00 = f32x4.splat(0)
  let c01 = f32x4.splat(0)
  let c10 = f32x4.splat(0)
  let c11 = f32x4.splat(0)
  let c20 = f32x4.splat(0)
  let c21 = f32x4.splat(0)
  let c30 = f32x4.splat(0)
  let c31 = f32x4.splat(0)
  let pa = a
  let pb = b
  for (let p = 0; p < k; p++) {
    const b0 = v128.load(pb)
    const b1 = v128.load(pb, 16)
    let av = v128.load32_splat(pa)
    c00 = Act.madd(av, b0, c00)
    c01 = Act.madd(av, b1, c01)
    av = v128.load32_splat(pa + sai)
    c10 = Act.madd(av, b0, c10)
    c11 = Act.madd(av, b1, c11)
    av = v128.load32_splat(pa + 2 * sai)
    c20 = Act.madd(av, b0, c20)
    c21 = Act.madd(av, b1, c21)
    av = v128.load32_splat(pa + 3 * sai)
    c30 = Act.madd(av, b0, c30)
    c31 = Act.madd(av, b1, c31)
    pa += sak
    pb += PANEL
  }
  Part.row(c, c00, c01, w, acc)
  Part.row(c + sc, c10, c11, w, acc)
  Part.row(c + 2 * sc, c20, c21, w, acc)
  Part.row(c + 3 * sc, c30, c31, w, acc)
}

function tile1x8w(k: i32, w: i32, a: usize, sak: usize, b: usize, c: usize, acc: bool): void {
  let c0 = f32x4.splat(0)
  let c1 = f32x4.splat(0)
  let pa = a
  let pb = b
  for (let p = 0; p < k; p++) {
    const av = v128.load32_splat(pa)
    c0 = Act.madd(av, v128.load(pb), c0)
    c1 = Act.madd(av, v128.load(pb, 16), c1)
    pa += sak
    pb += PANEL
  }
  Part.row(c, c0, c1, w, acc)
}

/** C[m, n] (+)= A(m x k) * packed B; A addressed as in gemm(). tmp: unused, kept for the ABI. */
export function gemmPacked(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  asi: i32,
  ask: i32,
  bp: usize,
  c: usize,
  ldc: i32,
  accumulate: i32,
  tmp: usize
): void {
  const sai = (<usize>asi) << 2
  const sak = (<usize>ask) << 2
  const sc = (<usize>ldc) << 2
  const panelBytes = <usize>k * PANEL
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kb = min(KC, k - p0)
    const acc = accumulate !== 0 || p0 > 0
    const ap = a + <usize>p0 * sak
    let j = 0
    for (; j + 8 <= n; j += 8) {
      const bj = bp + <usize>(j >> 3) * panelBytes + <usize>p0 * PANEL
      const cj = c + ((<usize>j) << 2)
      let i = 0
      for (; i + 4 <= m; i += 4) {
        Tile.tile4x8(kb, ap + <usize>i * sai, sai, sak, bj, PANEL, cj + <usize>i * sc, sc, acc)
      }
      for (; i < m; i++)
        Tile.tile1x8(kb, ap + <usize>i * sai, sak, bj, PANEL, cj + <usize>i * sc, acc)
    }
    if (j < n) {
      // The last panel's 1-7 columns: full tiles, partial stores.
      const w = n - j
      const bj = bp + <usize>(j >> 3) * panelBytes + <usize>p0 * PANEL
      const cj = c + ((<usize>j) << 2)
      let i = 0
      for (; i + 4 <= m; i += 4) {
        tile4x8w(kb, w, ap + <usize>i * sai, sai, sak, bj, cj + <usize>i * sc, sc, acc)
      }
      for (; i < m; i++) tile1x8w(kb, w, ap + <usize>i * sai, sak, bj, cj + <usize>i * sc, acc)
    }
  }
}

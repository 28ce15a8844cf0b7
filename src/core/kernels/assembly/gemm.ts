// Small f32x4 GEMM for the recurrent layers.
//
//   C[m, n] (+)= sum_k A(i, k) * B[k, n]
//
// A is addressed through two strides (A(i, k) at a + 4 * (i * asi + k * ask)) so the same
// kernel serves A * B and A^T * B; B and C are row-major with leading dimensions ldb / ldc.
// The 4 x 8 register tile keeps eight accumulators live; k is blocked so the B panel of a
// column tile stays in L1 while the row tiles sweep over it.

import { Act } from './math'

const KC: i32 = 256

export class Tile {
  @inline
  static tile4x8(
    k: i32,
    a: usize,
    sai: usize,
    sak: usize,
    b: usize,
    sb: usize,
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
      pb += sb
    }
    if (acc) {
      c00 = f32x4.add(c00, v128.load(c))
      c01 = f32x4.add(c01, v128.load(c, 16))
      c10 = f32x4.add(c10, v128.load(c + sc))
      c11 = f32x4.add(c11, v128.load(c + sc, 16))
      c20 = f32x4.add(c20, v128.load(c + 2 * sc))
      c21 = f32x4.add(c21, v128.load(c + 2 * sc, 16))
      c30 = f32x4.add(c30, v128.load(c + 3 * sc))
      c31 = f32x4.add(c31, v128.load(c + 3 * sc, 16))
    }
    v128.store(c, c00)
    v128.store(c, c01, 16)
    v128.store(c + sc, c10)
    v128.store(c + sc, c11, 16)
    v128.store(c + 2 * sc, c20)
    v128.store(c + 2 * sc, c21, 16)
    v128.store(c + 3 * sc, c30)
    v128.store(c + 3 * sc, c31, 16)
  }

  @inline
  static tile4x4(
    k: i32,
    a: usize,
    sai: usize,
    sak: usize,
    b: usize,
    sb: usize,
    c: usize,
    sc: usize,
    acc: bool
  ): void {
    let c0 = f32x4.splat(0)
    let c1 = f32x4.splat(0)
    let c2 = f32x4.splat(0)
    let c3 = f32x4.splat(0)
    let pa = a
    let pb = b
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(pb)
      c0 = Act.madd(v128.load32_splat(pa), b0, c0)
      c1 = Act.madd(v128.load32_splat(pa + sai), b0, c1)
      c2 = Act.madd(v128.load32_splat(pa + 2 * sai), b0, c2)
      c3 = Act.madd(v128.load32_splat(pa + 3 * sai), b0, c3)
      pa += sak
      pb += sb
    }
    if (acc) {
      c0 = f32x4.add(c0, v128.load(c))
      c1 = f32x4.add(c1, v128.load(c + sc))
      c2 = f32x4.add(c2, v128.load(c + 2 * sc))
      c3 = f32x4.add(c3, v128.load(c + 3 * sc))
    }
    v128.store(c, c0)
    v128.store(c + sc, c1)
    v128.store(c + 2 * sc, c2)
    v128.store(c + 3 * sc, c3)
  }

  @inline
  static tile1x8(k: i32, a: usize, sak: usize, b: usize, sb: usize, c: usize, acc: bool): void {
    let c0 = f32x4.splat(0)
    let c1 = f32x4.splat(0)
    let pa = a
    let pb = b
    for (let p = 0; p < k; p++) {
      const av = v128.load32_splat(pa)
      c0 = Act.madd(av, v128.load(pb), c0)
      c1 = Act.madd(av, v128.load(pb, 16), c1)
      pa += sak
      pb += sb
    }
    if (acc) {
      c0 = f32x4.add(c0, v128.load(c))
      c1 = f32x4.add(c1, v128.load(c, 16))
    }
    v128.store(c, c0)
    v128.store(c, c1, 16)
  }

  @inline
  static tile1x4(k: i32, a: usize, sak: usize, b: usize, sb: usize, c: usize, acc: bool): void {
    let c0 = f32x4.splat(0)
    let pa = a
    let pb = b
    for (let p = 0; p < k; p++) {
      c0 = Act.madd(v128.load32_splat(pa), v128.load(pb), c0)
      pa += sak
      pb += sb
    }
    if (acc) c0 = f32x4.add(c0, v128.load(c))
    v128.store(c, c0)
  }

  /** Columns 1..3 of a 4-wide tile: B rows are read 16 bytes wide (see KernelHeap's guard). */
  @inline
  static loadPart(c: usize, w: i32): v128 {
    if (w === 1) return v128.load32_zero(c)
    const lo = v128.load64_zero(c)
    return w === 2 ? lo : v128.load32_lane(c, lo, 2, 8)
  }

  @inline
  static storePart(c: usize, v: v128, w: i32): void {
    if (w === 1) {
      v128.store32_lane(c, v, 0)
      return
    }
    v128.store64_lane(c, v, 0)
    if (w === 3) v128.store32_lane(c, v, 2, 8)
  }

  static tile4xw(
    k: i32,
    w: i32,
    a: usize,
    sai: usize,
    sak: usize,
    b: usize,
    sb: usize,
    c: usize,
    sc: usize,
    acc: bool
  ): void {
    let c0 = f32x4.splat(0)
    let c1 = f32x4.splat(0)
    let c2 = f32x4.splat(0)
    let c3 = f32x4.splat(0)
    let pa = a
    let pb = b
    for (let p = 0; p < k; p++) {
      const b0 = v128.load(pb)
      c0 = Act.madd(v128.load32_splat(pa), b0, c0)
      c1 = Act.madd(v128.load32_splat(pa + sai), b0, c1)
      c2 = Act.madd(v128.load32_splat(pa + 2 * sai), b0, c2)
      c3 = Act.madd(v128.load32_splat(pa + 3 * sai), b0, c3)
      pa += sak
      pb += sb
    }
    if (acc) {
      c0 = f32x4.add(c0, Tile.loadPart(c, w))
      c1 = f32x4.add(c1, Tile.loadPart(c + sc, w))
      c2 = f32x4.add(c2, Tile.loadPart(c + 2 * sc, w))
      c3 = f32x4.add(c3, Tile.loadPart(c + 3 * sc, w))
    }
    Tile.storePart(c, c0, w)
    Tile.storePart(c + sc, c1, w)
    Tile.storePart(c + 2 * sc, c2, w)
    Tile.storePart(c + 3 * sc, c3, w)
  }

  static tile1xw(
    k: i32,
    w: i32,
    a: usize,
    sak: usize,
    b: usize,
    sb: usize,
    c: usize,
    acc: bool
  ): void {
    let c0 = f32x4.splat(0)
    let pa = a
    let pb = b
    for (let p = 0; p < k; p++) {
      c0 = Act.madd(v128.load32_splat(pa), v128.load(pb), c0)
      pa += sak
      pb += sb
    }
    if (acc) c0 = f32x4.add(c0, Tile.loadPart(c, w))
    Tile.storePart(c, c0, w)
  }
}

/** C[m, n] (+)= A(m x k) * B[k, n]; see the file comment for the addressing. */
export function gemm(
  m: i32,
  n: i32,
  k: i32,
  a: usize,
  asi: i32,
  ask: i32,
  b: usize,
  ldb: i32,
  c: usize,
  ldc: i32,
  accumulate: i32
): void {
  const sai = (<usize>asi) << 2
  const sak = (<usize>ask) << 2
  const sb = (<usize>ldb) << 2
  const sc = (<usize>ldc) << 2
  if (k <= 0) {
    if (accumulate === 0) {
      for (let i = 0; i < m; i++) memory.fill(c + <usize>i * sc, 0, (<usize>n) << 2)
    }
    return
  }
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kb = min(KC, k - p0)
    const acc = accumulate !== 0 || p0 > 0
    const ap = a + <usize>p0 * sak
    const bp = b + <usize>p0 * sb
    let j = 0
    for (; j + 8 <= n; j += 8) {
      const bj = bp + ((<usize>j) << 2)
      const cj = c + ((<usize>j) << 2)
      let i = 0
      for (; i + 4 <= m; i += 4) {
        Tile.tile4x8(kb, ap + <usize>i * sai, sai, sak, bj, sb, cj + <usize>i * sc, sc, acc)
      }
      for (; i < m; i++) Tile.tile1x8(kb, ap + <usize>i * sai, sak, bj, sb, cj + <usize>i * sc, acc)
    }
    for (; j + 4 <= n; j += 4) {
      const bj = bp + ((<usize>j) << 2)
      const cj = c + ((<usize>j) << 2)
      let i = 0
      for (; i + 4 <= m; i += 4) {
        Tile.tile4x4(kb, ap + <usize>i * sai, sai, sak, bj, sb, cj + <usize>i * sc, sc, acc)
      }
      for (; i < m; i++) Tile.tile1x4(kb, ap + <usize>i * sai, sak, bj, sb, cj + <usize>i * sc, acc)
    }
    if (j < n) {
      // The last 1-3 columns as one vector tile (they were scalar: a third of some GEMMs' time).
      const w = n - j
      const bj = bp + ((<usize>j) << 2)
      const cj = c + ((<usize>j) << 2)
      let i = 0
      for (; i + 4 <= m; i += 4) {
        Tile.tile4xw(kb, w, ap + <usize>i * sai, sai, sak, bj, sb, cj + <usize>i * sc, sc, acc)
      }
      for (; i < m; i++)
        Tile.tile1xw(kb, w, ap + <usize>i * sai, sak, bj, sb, cj + <usize>i * sc, acc)
    }
  }
}

/** dst[j, i] = src[i, j] for a rows x cols row-major src. */
export function transpose(src: usize, rows: i32, cols: i32, dst: usize): void {
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      store<f32>(
        dst + ((<usize>(j * rows + i)) << 2),
        load<f32>(src + ((<usize>(i * cols + j)) << 2))
      )
    }
  }
}

/** dst[j] = sum_i src[i * ld + j] for j < cols. */
export function colSum(src: usize, rows: i32, cols: i32, ld: i32, dst: usize): void {
  memory.fill(dst, 0, (<usize>cols) << 2)
  const sl = (<usize>ld) << 2
  for (let i = 0; i < rows; i++) {
    const row = src + <usize>i * sl
    let j = 0
    for (; j + 4 <= cols; j += 4) {
      const o = (<usize>j) << 2
      v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(row + o)))
    }
    for (; j < cols; j++) {
      const o = (<usize>j) << 2
      store<f32>(dst + o, load<f32>(dst + o) + load<f32>(row + o))
    }
  }
}

/** dst[r, :] = bias (or 0 when bias is 0) for rows r < rows, row length n, leading dim ld. */
export function fillRows(dst: usize, rows: i32, n: i32, ld: i32, bias: usize): void {
  const bytes = (<usize>n) << 2
  const sl = (<usize>ld) << 2
  for (let r = 0; r < rows; r++) {
    if (bias === 0) memory.fill(dst + <usize>r * sl, 0, bytes)
    else memory.copy(dst + <usize>r * sl, bias, bytes)
  }
}

/** dst[i] += src[i] for i < n (used to reduce per-thread weight gradients). */
export function addInto(dst: usize, src: usize, n: i32): void {
  let i = 0
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)))
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o))
  }
}

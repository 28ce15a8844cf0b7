// Whole-sequence LSTM forward and backward (BPTT), Keras/tfjs semantics:
//   z = x W + h_{t-1} R + b, gates i, f, c~, o in that order along the 4U axis,
//   i, f, o = sigmoid, c~ = tanh, c = f c_{t-1} + i c~, h = o tanh(c).
// Layouts are batch-major like the tensors: x [B, T, F], gates [B, T, 4U], cs/tcs/hs [B, T, U].
// rmask (0 = none) is the recurrent dropout mask [B, U] applied to h_{t-1} before R.
import { f4, mulInto, prevHidden, prevHiddenAll } from './common'
import { colSum, fillRows, gemm } from './gemm'
import { gemmPacked, pack, packedSize, packTransposed } from './packed'
import { Act } from './math'

/**
 * dgates rows at least this wide (4U floats) are packed for the dW / dR GEMMs: from 2 KiB rows
 * the unpacked panels thrash L1 (at U = 50 the copy costs more than it saves).
 */
const PACK_DGATES_FROM = 512

/** f32 scratch the forward pass needs. */
export function lstmForwardScratch(nb: i32, _nt: i32, nf: i32, nu: i32): i32 {
  return nb * nu + packedSize(nu, 4 * nu) + packedSize(nf, 4 * nu) + 8
}

/** f32 scratch the backward pass needs. */
export function lstmBackwardScratch(nb: i32, nt: i32, nf: i32, nu: i32): i32 {
  const packed = packedSize(4 * nu, nu) + packedSize(4 * nu, nf) + packedSize(nb * nt, 4 * nu)
  return packed + 2 * nb * nu + nb * nt * nu + 8
}

function cellForward(
  z: usize,
  cprev: usize,
  cOut: usize,
  tcOut: usize,
  hOut: usize,
  nu: i32
): void {
  const u = f4(nu)
  let j = 0
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const ig = Act.vsigmoid(v128.load(z + o))
    const fg = Act.vsigmoid(v128.load(z + u + o))
    const gg = Act.vtanh(v128.load(z + 2 * u + o))
    const og = Act.vsigmoid(v128.load(z + 3 * u + o))
    const cp = cprev !== 0 ? v128.load(cprev + o) : f32x4.splat(0)
    const c = f32x4.add(f32x4.mul(fg, cp), f32x4.mul(ig, gg))
    const tc = Act.vtanh(c)
    v128.store(z + o, ig)
    v128.store(z + u + o, fg)
    v128.store(z + 2 * u + o, gg)
    v128.store(z + 3 * u + o, og)
    v128.store(cOut + o, c)
    v128.store(tcOut + o, tc)
    v128.store(hOut + o, f32x4.mul(og, tc))
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const ig = Act.ssigmoid(load<f32>(z + o))
    const fg = Act.ssigmoid(load<f32>(z + u + o))
    const gg = Act.stanh(load<f32>(z + 2 * u + o))
    const og = Act.ssigmoid(load<f32>(z + 3 * u + o))
    const cp: f32 = cprev !== 0 ? load<f32>(cprev + o) : 0
    const c = fg * cp + ig * gg
    const tc = Act.stanh(c)
    store<f32>(z + o, ig)
    store<f32>(z + u + o, fg)
    store<f32>(z + 2 * u + o, gg)
    store<f32>(z + 3 * u + o, og)
    store<f32>(cOut + o, c)
    store<f32>(tcOut + o, tc)
    store<f32>(hOut + o, og * tc)
  }
}

export function lstmForward(
  nb: i32,
  nt: i32,
  nf: i32,
  nu: i32,
  x: usize,
  w: usize,
  r: usize,
  bias: usize,
  rmask: usize,
  gates: usize,
  cs: usize,
  tcs: usize,
  hs: usize,
  scratch: usize
): void {
  const g4 = 4 * nu
  const hprev = scratch
  // Packed weights: every step and row reuses the same panels (see packed.ts).
  const rp = hprev + f4(nb * nu)
  const wp = rp + f4(packedSize(nu, g4))
  const tmp = wp + f4(packedSize(nf, g4))
  pack(r, g4, nu, g4, rp)
  pack(w, g4, nf, g4, wp)
  fillRows(gates, nb * nt, g4, g4, bias)
  gemmPacked(nb * nt, g4, nf, x, nf, 1, wp, gates, g4, 1, tmp)
  for (let t = 0; t < nt; t++) {
    if (t > 0) {
      prevHidden(hs, nb, nt, nu, t, rmask, hprev)
      gemmPacked(nb, g4, nu, hprev, nu, 1, rp, gates + f4(t * g4), nt * g4, 1, tmp)
    }
    for (let b = 0; b < nb; b++) {
      const row = b * nt + t
      cellForward(
        gates + f4(row * g4),
        t > 0 ? cs + f4((row - 1) * nu) : 0,
        cs + f4(row * nu),
        tcs + f4(row * nu),
        hs + f4(row * nu),
        nu
      )
    }
  }
}

function cellBackward(
  z: usize,
  cprev: usize,
  tc: usize,
  dhs: usize,
  dh: usize,
  dc: usize,
  dz: usize,
  nu: i32
): void {
  const u = f4(nu)
  let j = 0
  const one = f32x4.splat(1)
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const ig = v128.load(z + o)
    const fg = v128.load(z + u + o)
    const gg = v128.load(z + 2 * u + o)
    const og = v128.load(z + 3 * u + o)
    const tcv = v128.load(tc + o)
    const dht = f32x4.add(v128.load(dhs + o), v128.load(dh + o))
    const dog = f32x4.mul(dht, tcv)
    const dcc = f32x4.add(
      f32x4.mul(f32x4.mul(dht, og), f32x4.sub(one, f32x4.mul(tcv, tcv))),
      v128.load(dc + o)
    )
    const cp = cprev !== 0 ? v128.load(cprev + o) : f32x4.splat(0)
    const di = f32x4.mul(dcc, gg)
    const dg = f32x4.mul(dcc, ig)
    const df = f32x4.mul(dcc, cp)
    v128.store(dc + o, f32x4.mul(dcc, fg))
    v128.store(dz + o, f32x4.mul(di, f32x4.mul(ig, f32x4.sub(one, ig))))
    v128.store(dz + u + o, f32x4.mul(df, f32x4.mul(fg, f32x4.sub(one, fg))))
    v128.store(dz + 2 * u + o, f32x4.mul(dg, f32x4.sub(one, f32x4.mul(gg, gg))))
    v128.store(dz + 3 * u + o, f32x4.mul(dog, f32x4.mul(og, f32x4.sub(one, og))))
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const ig = load<f32>(z + o)
    const fg = load<f32>(z + u + o)
    const gg = load<f32>(z + 2 * u + o)
    const og = load<f32>(z + 3 * u + o)
    const tcv = load<f32>(tc + o)
    const dht = load<f32>(dhs + o) + load<f32>(dh + o)
    const dog = dht * tcv
    const dcc = dht * og * (1 - tcv * tcv) + load<f32>(dc + o)
    const cp: f32 = cprev !== 0 ? load<f32>(cprev + o) : 0
    store<f32>(dc + o, dcc * fg)
    store<f32>(dz + o, dcc * gg * (ig * (1 - ig)))
    store<f32>(dz + u + o, dcc * cp * (fg * (1 - fg)))
    store<f32>(dz + 2 * u + o, dcc * ig * (1 - gg * gg))
    store<f32>(dz + 3 * u + o, dog * (og * (1 - og)))
  }
}

/**
 * Backward through the whole sequence. dhs [B, T, U] is the gradient of hs (zeros except the
 * last step when the layer returns only its last output). Writes dgates [B, T, 4U] (gradients of
 * the gate pre-activations), dx [B, T, F], dw [F, 4U], dr [U, 4U], db [4U].
 */
export function lstmBackward(
  nb: i32,
  nt: i32,
  nf: i32,
  nu: i32,
  x: usize,
  w: usize,
  r: usize,
  rmask: usize,
  gates: usize,
  cs: usize,
  tcs: usize,
  hs: usize,
  dhs: usize,
  dgates: usize,
  dx: usize,
  dw: usize,
  dr: usize,
  db: usize,
  scratch: usize
): void {
  const g4 = 4 * nu
  const rows = nb * nt
  // R^T and W^T packed for the dh and dx GEMMs, dgates packed for the dW and dR GEMMs.
  const rt = scratch
  const wt = rt + f4(packedSize(g4, nu))
  const dgp = wt + f4(packedSize(g4, nf))
  const dh = dgp + f4(packedSize(rows, g4))
  const dc = dh + f4(nb * nu)
  const hall = dc + f4(nb * nu)
  const tmp = hall + f4(rows * nu)
  packTransposed(r, nu, g4, rt)
  packTransposed(w, nf, g4, wt)
  memory.fill(dh, 0, f4(2 * nb * nu))
  for (let t = nt - 1; t >= 0; t--) {
    for (let b = 0; b < nb; b++) {
      const row = b * nt + t
      cellBackward(
        gates + f4(row * g4),
        t > 0 ? cs + f4((row - 1) * nu) : 0,
        tcs + f4(row * nu),
        dhs + f4(row * nu),
        dh + f4(b * nu),
        dc + f4(b * nu),
        dgates + f4(row * g4),
        nu
      )
    }
    if (t > 0) {
      gemmPacked(nb, nu, g4, dgates + f4(t * g4), nt * g4, 1, rt, dh, nu, 0, tmp)
      if (rmask !== 0) mulInto(dh, rmask, nb * nu)
    }
  }
  colSum(dgates, rows, g4, g4, db)
  prevHiddenAll(hs, nb, nt, nu, rmask, hall)
  if (g4 >= PACK_DGATES_FROM) {
    pack(dgates, g4, rows, g4, dgp)
    gemmPacked(nf, g4, rows, x, 1, nf, dgp, dw, g4, 0, tmp)
    gemmPacked(nu, g4, rows, hall, 1, nu, dgp, dr, g4, 0, tmp)
  } else {
    gemm(nf, g4, rows, x, 1, nf, dgates, g4, dw, g4, 0)
    gemm(nu, g4, rows, hall, 1, nu, dgates, g4, dr, g4, 0)
  }
  gemmPacked(rows, nf, g4, dgates, g4, 1, wt, dx, nf, 0, tmp)
}

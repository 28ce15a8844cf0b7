// Whole-sequence GRU forward and backward with tfjs-layers semantics (reset_after = false):
//   [xz, xr, xh] = x W + b, [rz, rr] = hm R[:, :2U], z = sigmoid(xz + rz), r = sigmoid(xr + rr),
//   hh = tanh(xh + (r * hm) R[:, 2U:]), h = z * hm + (1 - z) * hh,
// where hm = h_{t-1} * rmask (tfjs applies the recurrent dropout mask to h_{t-1} everywhere).
// Layouts: x [B, T, F], gates [B, T, 3U] (activated z, r, hh), rh and hs [B, T, U].
import { f4, mulInto, prevHidden, prevHiddenAll } from './common'
import { colSum, fillRows, gemm, transpose } from './gemm'
import { Act } from './math'

export function gruForwardScratch(nb: i32, _nt: i32, _nf: i32, nu: i32): i32 {
  return nb * nu
}

export function gruBackwardScratch(nb: i32, nt: i32, nf: i32, nu: i32): i32 {
  return 3 * nu * nu + 3 * nu * nf + 3 * nb * nu + nb * nt * nu
}

/** z, r = sigmoid in place; rh = r * hp. */
function gatesZR(g: usize, hp: usize, rh: usize, nu: i32): void {
  const u = f4(nu)
  let j = 0
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const z = Act.vsigmoid(v128.load(g + o))
    const r = Act.vsigmoid(v128.load(g + u + o))
    v128.store(g + o, z)
    v128.store(g + u + o, r)
    v128.store(rh + o, f32x4.mul(r, v128.load(hp + o)))
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const z = Act.ssigmoid(load<f32>(g + o))
    const r = Act.ssigmoid(load<f32>(g + u + o))
    store<f32>(g + o, z)
    store<f32>(g + u + o, r)
    store<f32>(rh + o, r * load<f32>(hp + o))
  }
}

/** hh = tanh in place; h = z * hp + (1 - z) * hh. */
function gatesH(g: usize, hp: usize, h: usize, nu: i32): void {
  const u = f4(nu)
  const one = f32x4.splat(1)
  let j = 0
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const z = v128.load(g + o)
    const hh = Act.vtanh(v128.load(g + 2 * u + o))
    v128.store(g + 2 * u + o, hh)
    v128.store(h + o, f32x4.add(f32x4.mul(z, v128.load(hp + o)), f32x4.mul(f32x4.sub(one, z), hh)))
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const z = load<f32>(g + o)
    const hh = Act.stanh(load<f32>(g + 2 * u + o))
    store<f32>(g + 2 * u + o, hh)
    store<f32>(h + o, z * load<f32>(hp + o) + (1 - z) * hh)
  }
}

export function gruForward(
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
  rh: usize,
  hs: usize,
  scratch: usize
): void {
  const g3 = 3 * nu
  const hprev = scratch
  fillRows(gates, nb * nt, g3, g3, bias)
  gemm(nb * nt, g3, nf, x, nf, 1, w, g3, gates, g3, 1)
  for (let t = 0; t < nt; t++) {
    if (t > 0) {
      prevHidden(hs, nb, nt, nu, t, rmask, hprev)
      gemm(nb, 2 * nu, nu, hprev, nu, 1, r, g3, gates + f4(t * g3), nt * g3, 1)
    } else {
      memory.fill(hprev, 0, f4(nb * nu))
    }
    for (let b = 0; b < nb; b++) {
      const row = b * nt + t
      gatesZR(gates + f4(row * g3), hprev + f4(b * nu), rh + f4(row * nu), nu)
    }
    if (t > 0) {
      gemm(
        nb,
        nu,
        nu,
        rh + f4(t * nu),
        nt * nu,
        1,
        r + f4(2 * nu),
        g3,
        gates + f4(t * g3 + 2 * nu),
        nt * g3,
        1
      )
    }
    for (let b = 0; b < nb; b++) {
      const row = b * nt + t
      gatesH(gates + f4(row * g3), hprev + f4(b * nu), hs + f4(row * nu), nu)
    }
  }
}

/** First half of a backward step: dz, dhh and the direct path into dh (dh <- z * dht). */
function backA(g: usize, hp: usize, dhs: usize, dh: usize, dg: usize, nu: i32): void {
  const u = f4(nu)
  const one = f32x4.splat(1)
  let j = 0
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const z = v128.load(g + o)
    const hh = v128.load(g + 2 * u + o)
    const dht = f32x4.add(v128.load(dhs + o), v128.load(dh + o))
    const dz = f32x4.mul(dht, f32x4.sub(v128.load(hp + o), hh))
    const dhh = f32x4.mul(dht, f32x4.sub(one, z))
    v128.store(dh + o, f32x4.mul(dht, z))
    v128.store(dg + o, f32x4.mul(dz, f32x4.mul(z, f32x4.sub(one, z))))
    v128.store(dg + 2 * u + o, f32x4.mul(dhh, f32x4.sub(one, f32x4.mul(hh, hh))))
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const z = load<f32>(g + o)
    const hh = load<f32>(g + 2 * u + o)
    const dht = load<f32>(dhs + o) + load<f32>(dh + o)
    const dz = dht * (load<f32>(hp + o) - hh)
    store<f32>(dh + o, dht * z)
    store<f32>(dg + o, dz * (z * (1 - z)))
    store<f32>(dg + 2 * u + o, dht * (1 - z) * (1 - hh * hh))
  }
}

/** Second half: through r = sigmoid(.) and rh = r * hp, given drh = dah R2^T. */
function backB(g: usize, hp: usize, drh: usize, dh: usize, dg: usize, nu: i32): void {
  const u = f4(nu)
  const one = f32x4.splat(1)
  let j = 0
  for (; j + 4 <= nu; j += 4) {
    const o = f4(j)
    const r = v128.load(g + u + o)
    const d = v128.load(drh + o)
    const dr = f32x4.mul(d, v128.load(hp + o))
    v128.store(dh + o, f32x4.add(v128.load(dh + o), f32x4.mul(d, r)))
    v128.store(dg + u + o, f32x4.mul(dr, f32x4.mul(r, f32x4.sub(one, r))))
  }
  for (; j < nu; j++) {
    const o = f4(j)
    const r = load<f32>(g + u + o)
    const d = load<f32>(drh + o)
    store<f32>(dh + o, load<f32>(dh + o) + d * r)
    store<f32>(dg + u + o, d * load<f32>(hp + o) * (r * (1 - r)))
  }
}

export function gruBackward(
  nb: i32,
  nt: i32,
  nf: i32,
  nu: i32,
  x: usize,
  w: usize,
  r: usize,
  rmask: usize,
  gates: usize,
  rh: usize,
  hs: usize,
  dhs: usize,
  dgates: usize,
  dx: usize,
  dw: usize,
  dr: usize,
  db: usize,
  scratch: usize
): void {
  const g3 = 3 * nu
  const rt = scratch
  const wt = rt + f4(g3 * nu)
  const dh = wt + f4(g3 * nf)
  const hprev = dh + f4(nb * nu)
  const drh = hprev + f4(nb * nu)
  const hall = drh + f4(nb * nu)
  transpose(r, nu, g3, rt)
  memory.fill(dh, 0, f4(nb * nu))
  for (let t = nt - 1; t >= 0; t--) {
    if (t > 0) prevHidden(hs, nb, nt, nu, t, rmask, hprev)
    else memory.fill(hprev, 0, f4(nb * nu))
    for (let b = 0; b < nb; b++) {
      const row = b * nt + t
      backA(
        gates + f4(row * g3),
        hprev + f4(b * nu),
        dhs + f4(row * nu),
        dh + f4(b * nu),
        dgates + f4(row * g3),
        nu
      )
    }
    gemm(nb, nu, nu, dgates + f4(t * g3 + 2 * nu), nt * g3, 1, rt + f4(2 * nu * nu), nu, drh, nu, 0)
    for (let b = 0; b < nb; b++) {
      const row = b * nt + t
      backB(
        gates + f4(row * g3),
        hprev + f4(b * nu),
        drh + f4(b * nu),
        dh + f4(b * nu),
        dgates + f4(row * g3),
        nu
      )
    }
    if (t > 0) {
      gemm(nb, nu, 2 * nu, dgates + f4(t * g3), nt * g3, 1, rt, nu, dh, nu, 1)
      if (rmask !== 0) mulInto(dh, rmask, nb * nu)
    }
  }
  const rows = nb * nt
  gemm(nf, g3, rows, x, 1, nf, dgates, g3, dw, g3, 0)
  colSum(dgates, rows, g3, g3, db)
  prevHiddenAll(hs, nb, nt, nu, rmask, hall)
  gemm(nu, 2 * nu, rows, hall, 1, nu, dgates, g3, dr, g3, 0)
  gemm(nu, nu, rows, rh, 1, nu, dgates + f4(2 * nu), g3, dr + f4(2 * nu), g3, 0)
  transpose(w, nf, g3, wt)
  gemm(rows, nf, g3, dgates, g3, 1, wt, nf, dx, nf, 0)
}

// Adam's update in place, vectorised, in stock tfjs' float32 order of operations (separate
// multiplies and adds, never fused, so every intermediate rounds as tfjs' ops round them):
//   m = m b1 + g c1;  v = v b2 + g² c2;  w = (m / oneMinusAcc1) / (√(v / oneMinusAcc2) + eps) · −lr + w
import { f4 } from './common'

export function adam(
  w: usize,
  g: usize,
  m: usize,
  v: usize,
  n: i32,
  b1: f32,
  b2: f32,
  c1: f32,
  c2: f32,
  eps: f32,
  negLr: f32,
  oneMinusAcc1: f32,
  oneMinusAcc2: f32
): void {
  const vb1 = f32x4.splat(b1)
  const vb2 = f32x4.splat(b2)
  const vc1 = f32x4.splat(c1)
  const vc2 = f32x4.splat(c2)
  const veps = f32x4.splat(eps)
  const vlr = f32x4.splat(negLr)
  const va1 = f32x4.splat(oneMinusAcc1)
  const va2 = f32x4.splat(oneMinusAcc2)
  let i = 0
  for (; i + 4 <= n; i += 4) {
    const o = f4(i)
    const gi = v128.load(g + o)
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), vb1), f32x4.mul(gi, vc1))
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), vb2), f32x4.mul(f32x4.mul(gi, gi), vc2))
    v128.store(m + o, mi)
    v128.store(v + o, vi)
    const mHat = f32x4.div(mi, va1)
    const vHat = f32x4.div(vi, va2)
    const step = f32x4.mul(f32x4.div(mHat, f32x4.add(f32x4.sqrt(vHat), veps)), vlr)
    v128.store(w + o, f32x4.add(step, v128.load(w + o)))
  }
  for (; i < n; i++) {
    const o = f4(i)
    const gi = load<f32>(g + o)
    const mi = load<f32>(m + o) * b1 + gi * c1
    const vi = load<f32>(v + o) * b2 + gi * gi * c2
    store<f32>(m + o, mi)
    store<f32>(v + o, vi)
    const step = (mi / oneMinusAcc1 / (Mathf.sqrt(vi / oneMinusAcc2) + eps)) * negLr
    store<f32>(w + o, step + load<f32>(w + o))
  }
}

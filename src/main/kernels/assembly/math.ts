// Vectorised and scalar exp / sigmoid / tanh for f32.
// exp follows Cephes expf (range reduction by ln2 split in two parts plus a
// degree-6 polynomial); tanh follows Cephes tanhf (odd minimax polynomial for
// |x| < 0.625, 1 - 2 / (e^2|x| + 1) above). Both are within a few ulp of the
// correctly rounded result, which keeps the fused layers within 1e-6 of tfjs.

const EXP_HI: f32 = 88.3762626647949
const EXP_LO: f32 = -87.3365447504019
const LOG2E: f32 = 1.44269504088896341
const LN2_HI: f32 = 0.693359375
const LN2_LO: f32 = -2.1219444e-4
const P0: f32 = 1.98756915e-4
const P1: f32 = 1.3981999507e-3
const P2: f32 = 8.3334519073e-3
const P3: f32 = 4.1665795894e-2
const P4: f32 = 1.6666665459e-1
const P5: f32 = 5.0000001201e-1
const T0: f32 = -5.70498872745e-3
const T1: f32 = 2.06390887954e-2
const T2: f32 = -5.37397155531e-2
const T3: f32 = 1.33314422036e-1
const T4: f32 = -3.33332819422e-1
const TANH_SMALL: f32 = 0.625

export class Act {
  @inline
  static vexp(x0: v128): v128 {
    const x = f32x4.min(f32x4.max(x0, f32x4.splat(EXP_LO)), f32x4.splat(EXP_HI))
    const fx = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(LOG2E)), f32x4.splat(0.5)))
    let r = f32x4.sub(x, f32x4.mul(fx, f32x4.splat(LN2_HI)))
    r = f32x4.sub(r, f32x4.mul(fx, f32x4.splat(LN2_LO)))
    const z = f32x4.mul(r, r)
    let y = f32x4.splat(P0)
    y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P1))
    y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P2))
    y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P3))
    y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P4))
    y = f32x4.add(f32x4.mul(y, r), f32x4.splat(P5))
    y = f32x4.add(f32x4.add(f32x4.mul(y, z), r), f32x4.splat(1.0))
    const n = i32x4.trunc_sat_f32x4_s(fx)
    const pow2n = i32x4.shl(i32x4.add(n, i32x4.splat(127)), 23)
    return f32x4.mul(y, pow2n)
  }

  @inline
  static sexp(x0: f32): f32 {
    const x = min(max(x0, EXP_LO), EXP_HI)
    const fx = Mathf.floor(x * LOG2E + 0.5)
    let r = x - fx * LN2_HI
    r = r - fx * LN2_LO
    const z = r * r
    let y = P0
    y = y * r + P1
    y = y * r + P2
    y = y * r + P3
    y = y * r + P4
    y = y * r + P5
    y = y * z + r + 1.0
    const n = <i32>fx
    return y * reinterpret<f32>((n + 127) << 23)
  }

  @inline
  static vsigmoid(x: v128): v128 {
    const one = f32x4.splat(1.0)
    return f32x4.div(one, f32x4.add(one, Act.vexp(f32x4.neg(x))))
  }

  @inline
  static ssigmoid(x: f32): f32 {
    return 1.0 / (1.0 + Act.sexp(-x))
  }

  @inline
  static vtanh(x: v128): v128 {
    const one = f32x4.splat(1.0)
    const ax = f32x4.abs(x)
    const e = Act.vexp(f32x4.add(ax, ax))
    const big = f32x4.sub(one, f32x4.div(f32x4.splat(2.0), f32x4.add(e, one)))
    const bigSigned = v128.or(big, v128.and(x, i32x4.splat(0x80000000)))
    const z = f32x4.mul(x, x)
    let y = f32x4.splat(T0)
    y = f32x4.add(f32x4.mul(y, z), f32x4.splat(T1))
    y = f32x4.add(f32x4.mul(y, z), f32x4.splat(T2))
    y = f32x4.add(f32x4.mul(y, z), f32x4.splat(T3))
    y = f32x4.add(f32x4.mul(y, z), f32x4.splat(T4))
    const small = f32x4.add(f32x4.mul(f32x4.mul(y, z), x), x)
    return v128.bitselect(bigSigned, small, f32x4.gt(ax, f32x4.splat(TANH_SMALL)))
  }

  @inline
  static stanh(x: f32): f32 {
    const ax = abs(x)
    if (ax > TANH_SMALL) {
      const e = Act.sexp(ax + ax)
      const big: f32 = 1.0 - 2.0 / (e + 1.0)
      return x < 0 ? -big : big
    }
    const z = x * x
    let y = T0
    y = y * z + T1
    y = y * z + T2
    y = y * z + T3
    y = y * z + T4
    return y * z * x + x
  }
}

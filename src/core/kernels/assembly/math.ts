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
const ROUND_MAGIC: f32 = 12582912.0

// V8 materialises every v128.const with several instructions inside the loops; loading the
// splatted constants from a small table (an L1 hit, often folded into the arithmetic) is cheaper.
// The table lives in the reserved first page, below the worker control block's end.
const CONST_BASE: usize = 2048

function put(i: i32, v: f32): void {
  v128.store(CONST_BASE + ((<usize>i) << 4), f32x4.splat(v))
}

/** Writes the constant table (no data segment: workers re-instantiate on the same memory). */
export function initConstants(): void {
  put(0, EXP_LO)
  put(1, EXP_HI)
  put(2, LOG2E)
  put(3, 0.5)
  put(4, LN2_HI)
  put(5, LN2_LO)
  put(6, P0)
  put(7, P1)
  put(8, P2)
  put(9, P3)
  put(10, P4)
  put(11, P5)
  put(12, 1.0)
  put(13, 2.0)
  put(14, T0)
  put(15, T1)
  put(16, T2)
  put(17, T3)
  put(18, T4)
  put(19, TANH_SMALL)
  put(20, ROUND_MAGIC)
  v128.store(CONST_BASE + (21 << 4), i32x4.splat(0x4b400000 - 127))
}

export class Act {
  /** Splatted constant #i from the table that initConstants() writes. */
  @inline
  static k(i: i32): v128 {
    return v128.load(CONST_BASE + ((<usize>i) << 4))
  }

  @inline
  static vexp(x0: v128): v128 {
    const x = f32x4.min(f32x4.max(x0, Act.k(0)), Act.k(1))
    // Round x * log2(e) to the nearest integer with the 1.5 * 2^23 trick: the integer lands in
    // the low mantissa bits, so 2^n needs no float -> int conversion.
    const shifted = f32x4.add(f32x4.mul(x, Act.k(2)), Act.k(20))
    const fx = f32x4.sub(shifted, Act.k(20))
    let r = f32x4.sub(x, f32x4.mul(fx, Act.k(4)))
    r = f32x4.sub(r, f32x4.mul(fx, Act.k(5)))
    const z = f32x4.mul(r, r)
    let y = Act.k(6)
    y = f32x4.add(f32x4.mul(y, r), Act.k(7))
    y = f32x4.add(f32x4.mul(y, r), Act.k(8))
    y = f32x4.add(f32x4.mul(y, r), Act.k(9))
    y = f32x4.add(f32x4.mul(y, r), Act.k(10))
    y = f32x4.add(f32x4.mul(y, r), Act.k(11))
    y = f32x4.add(f32x4.add(f32x4.mul(y, z), r), Act.k(12))
    const pow2n = i32x4.shl(i32x4.sub(shifted, Act.k(21)), 23)
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
    const one = Act.k(12)
    return f32x4.div(one, f32x4.add(one, Act.vexp(f32x4.neg(x))))
  }

  @inline
  static ssigmoid(x: f32): f32 {
    return 1.0 / (1.0 + Act.sexp(-x))
  }

  @inline
  static vtanh(x: v128): v128 {
    const one = Act.k(12)
    const ax = f32x4.abs(x)
    const e = Act.vexp(f32x4.add(ax, ax))
    const big = f32x4.sub(one, f32x4.div(Act.k(13), f32x4.add(e, one)))
    const bigSigned = v128.or(big, v128.and(x, i32x4.splat(0x80000000)))
    const z = f32x4.mul(x, x)
    let y = Act.k(14)
    y = f32x4.add(f32x4.mul(y, z), Act.k(15))
    y = f32x4.add(f32x4.mul(y, z), Act.k(16))
    y = f32x4.add(f32x4.mul(y, z), Act.k(17))
    y = f32x4.add(f32x4.mul(y, z), Act.k(18))
    const small = f32x4.add(f32x4.mul(f32x4.mul(y, z), x), x)
    return v128.bitselect(bigSigned, small, f32x4.gt(ax, Act.k(19)))
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

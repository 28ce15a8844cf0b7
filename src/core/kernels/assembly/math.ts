// Vectorised and scalar exp / sigmoid / tanh for f32.
// exp follows Cephes expf (range reduction by ln2 split in two parts plus a
// degree-6 polynomial). The vector tanh is Eigen's float rational approximation (odd degree-13
// numerator over even degree-6 denominator, input clamped where tanh rounds to +-1): one
// division and no exp, about half the work of 1 - 2 / (e^2|x| + 1); within 4e-7 relative.
// The scalar tanh (tails only) follows Cephes tanhf. Together they keep the fused layers within
// 1e-6 of tfjs.
//
// Act.madd(a, b, c) = a * b + c is the relaxed-SIMD fused multiply-add when the module is built with
// relaxed SIMD (rnn-relaxed.wasm) and a multiply then an add otherwise (rnn.wasm).

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
const TANH_CLAMP: f32 = 7.90531110763549805
const A1: f32 = 4.89352455891786e-3
const A3: f32 = 6.37261928875436e-4
const A5: f32 = 1.48572235717979e-5
const A7: f32 = 5.12229709037114e-8
const A9: f32 = -8.60467152213735e-11
const A11: f32 = 2.00018790482477e-13
const A13: f32 = -2.76076847742355e-16
const B0: f32 = 4.89352518554385e-3
const B2: f32 = 2.268434632439e-3
const B4: f32 = 1.18534705686654e-4
const B6: f32 = 1.19825839466702e-6

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
  put(22, -TANH_CLAMP)
  put(23, TANH_CLAMP)
  put(24, A13)
  put(25, A11)
  put(26, A9)
  put(27, A7)
  put(28, A5)
  put(29, A3)
  put(30, A1)
  put(31, B6)
  put(32, B4)
  put(33, B2)
  put(34, B0)
}

export class Act {
  /** a * b + c, fused where the module has relaxed SIMD. */
  @inline
  static madd(a: v128, b: v128, c: v128): v128 {
    if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c)
    return f32x4.add(f32x4.mul(a, b), c)
  }

  /** Splatted constant #i from the table that initConstants() writes. */
  @inline
  static k(i: i32): v128 {
    return v128.load(CONST_BASE + ((<usize>i) << 4))
  }

  @inline
  static vexp(x0: v128): v128 {
    const x = f32x4.pmin(f32x4.pmax(x0, Act.k(0)), Act.k(1))
    // Round x * log2(e) to the nearest integer with the 1.5 * 2^23 trick: the integer lands in
    // the low mantissa bits, so 2^n needs no float -> int conversion.
    const shifted = Act.madd(x, Act.k(2), Act.k(20))
    const fx = f32x4.sub(shifted, Act.k(20))
    let r = f32x4.sub(x, f32x4.mul(fx, Act.k(4)))
    r = f32x4.sub(r, f32x4.mul(fx, Act.k(5)))
    const z = f32x4.mul(r, r)
    let y = Act.k(6)
    y = Act.madd(y, r, Act.k(7))
    y = Act.madd(y, r, Act.k(8))
    y = Act.madd(y, r, Act.k(9))
    y = Act.madd(y, r, Act.k(10))
    y = Act.madd(y, r, Act.k(11))
    y = f32x4.add(Act.madd(y, z, r), Act.k(12))
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
    // sigmoid(x) = (1 + tanh(x / 2)) / 2 through the rational tanh: half the time of
    // 1 / (1 + e^-x) (its exp is one long dependency chain). Within 2e-7 absolute (2 ulp of the
    // gates' scale, 1); tiny gates lose their relative precision, which a cell never sees.
    const half = Act.k(3)
    return Act.madd(half, Act.vtanh(f32x4.mul(half, x)), half)
  }

  @inline
  static ssigmoid(x: f32): f32 {
    return 1.0 / (1.0 + Act.sexp(-x))
  }

  @inline
  static vtanh(x0: v128): v128 {
    const x = f32x4.pmin(f32x4.pmax(x0, Act.k(22)), Act.k(23))
    const x2 = f32x4.mul(x, x)
    let p = Act.k(24)
    p = Act.madd(p, x2, Act.k(25))
    p = Act.madd(p, x2, Act.k(26))
    p = Act.madd(p, x2, Act.k(27))
    p = Act.madd(p, x2, Act.k(28))
    p = Act.madd(p, x2, Act.k(29))
    p = Act.madd(p, x2, Act.k(30))
    let q = Act.k(31)
    q = Act.madd(q, x2, Act.k(32))
    q = Act.madd(q, x2, Act.k(33))
    q = Act.madd(q, x2, Act.k(34))
    return f32x4.div(f32x4.mul(p, x), q)
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

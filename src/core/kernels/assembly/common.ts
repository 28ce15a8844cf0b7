/** Byte offset of the i-th f32. */
export function f4(i: i32): usize {
  return (<usize>i) << 2
}

/** dst[b, :] = hs[b, t - 1, :] (* rmask[b, :] when rmask is not 0), for hs laid out [nb, nt, nu]. */
export function prevHidden(
  hs: usize,
  nb: i32,
  nt: i32,
  nu: i32,
  t: i32,
  rmask: usize,
  dst: usize
): void {
  for (let b = 0; b < nb; b++) {
    const src = hs + f4((b * nt + t - 1) * nu)
    const out = dst + f4(b * nu)
    if (rmask === 0) {
      memory.copy(out, src, f4(nu))
    } else {
      const m = rmask + f4(b * nu)
      for (let j = 0; j < nu; j++)
        store<f32>(out + f4(j), load<f32>(src + f4(j)) * load<f32>(m + f4(j)))
    }
  }
}

/** dst[b, t, :] = h_{t-1} as fed to the recurrent matmul (0 at t = 0), for the dR GEMM. */
export function prevHiddenAll(
  hs: usize,
  nb: i32,
  nt: i32,
  nu: i32,
  rmask: usize,
  dst: usize
): void {
  for (let b = 0; b < nb; b++) {
    memory.fill(dst + f4(b * nt * nu), 0, f4(nu))
    for (let t = 1; t < nt; t++) {
      const src = hs + f4((b * nt + t - 1) * nu)
      const out = dst + f4((b * nt + t) * nu)
      if (rmask === 0) {
        memory.copy(out, src, f4(nu))
      } else {
        const m = rmask + f4(b * nu)
        for (let j = 0; j < nu; j++)
          store<f32>(out + f4(j), load<f32>(src + f4(j)) * load<f32>(m + f4(j)))
      }
    }
  }
}

/** v[i] *= m[i] for i < n. */
export function mulInto(v: usize, m: usize, n: i32): void {
  let i = 0
  for (; i + 4 <= n; i += 4)
    v128.store(v + f4(i), f32x4.mul(v128.load(v + f4(i)), v128.load(m + f4(i))))
  for (; i < n; i++) store<f32>(v + f4(i), load<f32>(v + f4(i)) * load<f32>(m + f4(i)))
}

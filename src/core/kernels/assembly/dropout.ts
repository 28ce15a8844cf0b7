// Inverted dropout on kernel-resident activations, so a fused training step never copies a
// layer's output out of the memory to drop it. The mask stream is fast-dropout.ts's
// fillDropoutMask exactly (xorshift32, 24-bit uniforms), so both paths draw the same masks.
import { f4 } from './common'

/**
 * mask[i] = 0 with probability rate (u24 < threshold) or scale; dst[i] = src[i] * mask[i].
 * dst may be src.
 */
export function dropout(
  src: usize,
  dst: usize,
  mask: usize,
  n: i32,
  threshold: u32,
  scale: f32,
  seed: u32
): void {
  let s: u32 = seed !== 0 ? seed : 0x9e3779b9
  for (let i = 0; i < n; i++) {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    const m: f32 = ((s >>> 8) & 0xffffff) >= threshold ? scale : 0
    store<f32>(mask + f4(i), m)
    store<f32>(dst + f4(i), load<f32>(src + f4(i)) * m)
  }
}

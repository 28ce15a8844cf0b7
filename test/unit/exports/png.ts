import { createCanvas, loadImage } from '@napi-rs/canvas'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Width and height from the IHDR chunk, read byte by byte (no decoder involved). */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  SIGNATURE.forEach((b, i) => {
    if (bytes[i] !== b) throw new Error(`Not a PNG: byte ${i} is ${bytes[i]}`)
  })
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // First chunk: 4-byte length (13), 4-byte type 'IHDR', then width and height.
  const type = String.fromCharCode(...bytes.subarray(12, 16))
  if (type !== 'IHDR' || view.getUint32(8) !== 13) throw new Error('PNG does not start with IHDR')
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

/** Decode a PNG once; the result reads back the RGBA of any pixel. */
export async function decodePng(
  png: Uint8Array
): Promise<(x: number, y: number) => [number, number, number, number]> {
  const image = await loadImage(Buffer.from(png))
  const canvas = createCanvas(image.width, image.height)
  const ctx = canvas.getContext('2d')
  ctx.drawImage(image, 0, 0)
  const { data } = ctx.getImageData(0, 0, image.width, image.height)
  return (x, y) => {
    const i = (Math.round(y) * image.width + Math.round(x)) * 4
    return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!]
  }
}

/** A canvas sized for the device's pixel ratio: draw in CSS pixels, stay sharp on HiDPI screens. */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number
): CanvasRenderingContext2D | null {
  const ratio = globalThis.devicePixelRatio || 1
  canvas.width = Math.max(1, Math.round(width * ratio))
  canvas.height = Math.max(1, Math.round(height * ratio))
  canvas.style.width = `${width}px`
  canvas.style.height = `${height}px`
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
  ctx.clearRect(0, 0, width, height)
  return ctx
}

export const DATA_COLORS = {
  bar: '#1f6feb',
  peak: '#d4701b',
  band: 'rgba(130, 80, 223, 0.14)',
  bandEdge: 'rgba(130, 80, 223, 0.55)',
  axis: 'rgba(15, 23, 42, 0.35)',
  text: '#5b6472'
} as const

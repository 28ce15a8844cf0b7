#!/usr/bin/env node
// Draws build/icon.png (512 × 512), the installers' icon: a forecast line whose
// past is shaded by attribution, on a rounded tile. Run once after a change:
// `node build/icon.mjs`; the PNG is committed.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createCanvas } from '@napi-rs/canvas'

const size = 512
const canvas = createCanvas(size, size)
const ctx = canvas.getContext('2d')

ctx.fillStyle = '#1f3b57'
ctx.beginPath()
ctx.roundRect(16, 16, size - 32, size - 32, 96)
ctx.fill()

// Attribution bars under the past part of the series: red pushes up, blue down.
const bars = [0.15, -0.1, 0.25, 0.05, -0.2, 0.35, 0.5, 0.2, 0.7, 0.45]
bars.forEach((v, i) => {
  const x = 70 + i * 26
  const h = Math.abs(v) * 120
  ctx.fillStyle = v >= 0 ? '#e4786a' : '#6aa3d8'
  ctx.fillRect(x, v >= 0 ? 400 - h : 400, 18, h)
})

const past = [300, 280, 290, 250, 265, 230, 215, 225, 190, 170]
ctx.lineWidth = 16
ctx.lineCap = 'round'
ctx.lineJoin = 'round'
ctx.strokeStyle = '#ffffff'
ctx.beginPath()
past.forEach((y, i) => (i === 0 ? ctx.moveTo(79, y) : ctx.lineTo(79 + i * 26, y)))
ctx.stroke()

// The forecast, dashed, past the last observation.
ctx.setLineDash([22, 18])
ctx.strokeStyle = '#f6c85f'
ctx.beginPath()
ctx.moveTo(79 + 9 * 26, 170)
ctx.lineTo(440, 110)
ctx.stroke()
ctx.setLineDash([])
ctx.fillStyle = '#f6c85f'
ctx.beginPath()
ctx.arc(440, 110, 20, 0, Math.PI * 2)
ctx.fill()

const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png')
writeFileSync(out, await canvas.encode('png'))
console.log(`wrote ${out}`)

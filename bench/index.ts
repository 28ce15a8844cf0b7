/**
 * `npm run bench`: every benchmark, printed as tables. Never part of the tests.
 * `npm run bench -- training|kernels|explain|import|upload|profile [--quick]` runs one section.
 */
import { benchImport } from './import'
import { benchUpload } from './upload'
import { benchReferenceExplain } from './reference-explain'
import { disposeKernels } from '../src/core/kernels'
import { benchKernels } from './kernels'
import { kernelReport } from './kernels-report'
import { benchProfile } from './profile'
import { benchMultiStep } from './multistep'
import { benchTraining, type BenchRow } from './training'

function printTable(title: string, rows: BenchRow[]): void {
  const header = ['bench', 'backend', 'value', 'unit', 'note']
  const cells = rows.map((r) => [r.bench, r.backend, formatValue(r.value), r.unit, r.note])
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  const line = (c: string[]): string =>
    c.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ')
  console.log(`\n## ${title}`)
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const c of cells) console.log(line(c))
}

function formatValue(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(3)
}

async function main(): Promise<void> {
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'))
  const quick = process.argv.includes('--quick')
  if (!only || only === 'training') {
    printTable('Reference model on the backend the app picks', await benchTraining())
    printTable('Multi-step (26 outputs) vs single-step, per epoch', await benchMultiStep())
  }
  if (!only || only === 'kernels') {
    // Its first row measures one thread: stop the workers the training section started.
    await disposeKernels()
    console.log('\n## Fused kernels vs PyTorch and stock tfjs (issue #14)')
    console.log(kernelReport(await benchKernels({ quick })))
  }
  if (!only || only === 'import') {
    printTable('CSV import and summary (engine)', await benchImport())
  }
  if (!only || only === 'upload') {
    printTable('Browser-mode upload (page responsiveness)', await benchUpload())
  }
  if (only === 'profile') {
    console.log('\n## Where an epoch goes (fused kernels)')
    console.log(await benchProfile(quick))
  }
  if (!only || only === 'explain') {
    printTable('KernelSHAP on the reference model', await benchReferenceExplain())
  }
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})

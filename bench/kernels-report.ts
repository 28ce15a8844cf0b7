/** Prints bench/kernels.ts' results: one table per workload, then the issue's targets. */
import type { KernelBench } from './kernels'
import type { TorchResult } from './torch'
import type { WorkloadTimes } from './workload'

const s = (v: number): string => (v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3))
const x = (v: number): string => `${v.toFixed(2)}x`

function row(name: string, t: WorkloadTimes): string {
  return (
    `${name.padEnd(34)} train ${s(t.trainSeconds).padStart(6)} s/epoch (cpu ${s(t.trainCpuSeconds)})  ` +
    `predict ${s(t.predictSeconds).padStart(6)} s (cpu ${s(t.predictCpuSeconds)})  [${t.trainMeasured}; ${t.trainStep}]`
  )
}

function torchRow(name: string, t: TorchResult): string {
  const runs = (xs: number[]): string => xs.map((v) => v.toFixed(3)).join(' ')
  return (
    `${name.padEnd(34)} train ${s(t.trainSeconds).padStart(6)} s/epoch (cpu ${s(t.trainCpuSeconds)})  ` +
    `predict ${s(t.predictSeconds).padStart(6)} s (cpu ${s(t.predictCpuSeconds)})  ` +
    `[runs: train ${runs(t.trainRuns)}; predict ${runs(t.predictRuns)}]`
  )
}

function importanceRow(i: KernelBench['importance']): string {
  if ('absent' in i) return `  importance by lag at the issue's filing: ${i.absent}`
  const runs = (xs: number[]): string => xs.map((v) => v.toFixed(2)).join(' ')
  return (
    `  importance by lag, the code at the issue's filing (${i.commit}) vs now, alternating fresh ` +
    `processes: ${s(i.then)} s then, ${s(i.now)} s now [runs: ${runs(i.runs.then)} | ` +
    `${runs(i.runs.now)}]; same values to ${i.valuesDiffer.toExponential(1)} relative`
  )
}

function target(label: string, value: number, goal: number, unit: 'x' | 's'): string {
  const ok = unit === 'x' ? value >= goal : value <= goal
  const shown = unit === 'x' ? x(value) : `${s(value)} s`
  const want = unit === 'x' ? `>= ${x(goal)}` : `<= ${s(goal)} s`
  return `  ${ok ? 'MET    ' : 'NOT MET'}  ${label.padEnd(52)} ${shown.padStart(9)}  (target ${want})`
}

export function kernelReport(b: KernelBench): string {
  const lines = [...b.setup, '']
  lines.push(
    'Reference workload: 3xLSTM(50)+Dropout(0.2) each, Dense(1), N=1024, T=60, F=1, batch 32, Adam, MSE'
  )
  const torch = 'absent' in b.torch ? null : b.torch
  if (torch)
    lines.push(torchRow(`PyTorch ${torch.before.version}, 1 thread (before)`, torch.before))
  else if ('absent' in b.torch) lines.push(b.torch.absent)
  lines.push(row('fused, 1 thread', b.fused1), row('fused, 2 threads', b.fused))
  lines.push(row('fused, 2 threads, model.predict', b.fusedModelPredict))
  if (b.stock) lines.push(row('stock tfjs-wasm', b.stock))
  if (torch) lines.push(torchRow('PyTorch (after)', torch.after))
  // Each ratio against the slower of the two PyTorch runs would flatter; use their mean.
  const tTrain = torch ? (torch.before.trainSeconds + torch.after.trainSeconds) / 2 : NaN
  const tPredict = torch ? (torch.before.predictSeconds + torch.after.predictSeconds) / 2 : NaN
  lines.push('', 'Larger shapes (256 windows each side; fused on 2 threads):')
  for (const l of b.large) {
    if (l.torch) lines.push(torchRow(`PyTorch ${l.name}`, l.torch))
    lines.push(row(`fused   ${l.name}`, l.fused))
  }
  const e = b.explain
  lines.push(
    '',
    'Explanations (reference model, fused, 2 threads, in a fresh process):',
    `  KernelSHAP, 60 steps, 2,048 coalitions: ${s(e.kernelShapBefore)} s/window before (model.predict), ${s(e.kernelShapAfter)} s after (stack kernel)`,
    `  importance by lag, ${e.importanceWindows} windows (${e.modelWindows} model windows): ${s(e.importanceBefore)} s one by one before, ${s(e.importanceAfter)} s side by side after`,
    importanceRow(b.importance),
    '',
    `Peak RSS of a reference training run (fresh process, fused, 2 threads): ${b.peakRssMiB.toFixed(0)} MiB`,
    '',
    'Targets (issue #14), ratios from this run:'
  )
  if (torch) {
    // One thread on each side by process CPU time: what load distorts least.
    const cpuTrain = (torch.before.trainCpuSeconds + torch.after.trainCpuSeconds) / 2
    const cpuPredict = (torch.before.predictCpuSeconds + torch.after.predictCpuSeconds) / 2
    lines.push(
      `  (one thread each, by CPU time: training ${x(cpuTrain / b.fused1.trainCpuSeconds)}, ` +
        `predict ${x(cpuPredict / b.fused1.predictCpuSeconds)} PyTorch's speed)`
    )
    lines.push(
      target('training vs PyTorch + OpenBLAS (1 thread)', tTrain / b.fused.trainSeconds, 2, 'x')
    )
    lines.push(
      target('predict 1,024 windows vs PyTorch', tPredict / b.fused.predictSeconds, 1.5, 'x')
    )
    for (const l of b.large) {
      if (!l.torch) continue
      lines.push(
        target(
          `${l.name}: training vs PyTorch`,
          l.torch.trainSeconds / l.fused.trainSeconds,
          1,
          'x'
        )
      )
      lines.push(
        target(
          `${l.name}: predict vs PyTorch`,
          l.torch.predictSeconds / l.fused.predictSeconds,
          1,
          'x'
        )
      )
    }
  } else {
    lines.push('  (PyTorch absent: no PyTorch ratios)')
  }
  if (b.stock)
    lines.push(
      target('training vs stock tfjs-wasm', b.stock.trainSeconds / b.fused.trainSeconds, 25, 'x')
    )
  lines.push(target('one KernelSHAP explanation', e.kernelShapAfter, 0.4, 's'))
  const imp = b.importance
  if ('absent' in imp) {
    lines.push(`  (importance by lag against the issue's code: ${imp.absent})`)
  } else {
    lines.push(
      target(`importance by lag, 20 windows, vs ${imp.commit} (filed)`, imp.then / imp.now, 3, 'x')
    )
  }
  lines.push(
    `  (importance by lag, side by side vs one window after another on today's kernels: ` +
      `${x(e.importanceBefore / e.importanceAfter)})`
  )
  const rssOk = b.peakRssMiB <= 320 ? 'MET    ' : 'NOT MET'
  const rssLabel = 'peak RSS of a reference training run'.padEnd(52)
  lines.push(
    `  ${rssOk}  ${rssLabel} ${b.peakRssMiB.toFixed(0).padStart(5)} MiB  (target <= 320 MiB)`
  )
  lines.push(
    '',
    `Load average at the end: ${b.loadEnd} (2 cores: above ~0.5 the numbers are not quiet-machine numbers)`
  )
  return lines.join('\n')
}

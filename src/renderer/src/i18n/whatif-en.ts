/** English strings of the what-if editor and the counterfactual panel (merged as `whatif`). */
export const whatifEn = {
  title: 'What if…',
  hint: 'Drag a point up or down, or focus the chart and use ← → to pick a step, ↑ ↓ to nudge it (Shift: ten times more) and Enter to type its value in the table.',
  series: 'Series',
  original: 'Original forecast',
  edited: 'Edited forecast',
  change: 'Change',
  updating: 'updating…',
  latency: 'forecast in {forecast} ms, attributions in {attributions} ms',
  undo: 'Undo',
  reset: 'Reset',
  edits: 'no edits | 1 edited cell | {n} edited cells',
  ghost: 'Original',
  chartAria: '{series} over the {steps} input steps, editable: drag a point, or use the arrow keys',
  barsAria: 'Attribution per input step of the edited window',
  focused: 'Step {date}: {value}',
  attributions: {
    title: 'Updated for the edited window',
    method: 'KernelSHAP, {n} coalitions, per step',
    sum: 'Σφ = {sum}',
    check: 'f(x) − f(baseline) = {prediction} − {baseline} = {difference}',
    gap: 'additivity gap {gap}',
    stale: 'for the previous edit; recomputing…'
  },
  table: {
    title: 'Window values',
    caption:
      'The input window, one row per step, one column per input, in original units. Edited cells are marked.',
    step: 'Step',
    date: 'Date',
    cellLabel: '{feature} at {date}'
  },
  sensitivity: {
    title: 'Sensitivity of the forecast',
    hint: 'The forecast as {feature} at {date} sweeps its training range ({min} to {max}); the marker is its current value. {others}',
    original: 'Other cells as in the original window.',
    edited:
      'Other cells as in the edited window (1 edited cell). | Other cells as in the edited window ({n} edited cells).',
    pick: 'Focus a point of the chart (or a cell of the table) to see how the forecast depends on it.',
    run: 'Sweep this cell',
    aria: 'Forecast as {feature} at {date} varies over its training range',
    value: 'Value',
    current: 'Current value'
  },
  originalNote: {
    title: 'Original window',
    body: 'The window chart and any explanation below (heatmap, bars) are of the window before your edit (1 edited cell). The What if… card shows the edited window’s forecast and per-step attributions. | The window chart and any explanation below (heatmap, bars) are of the window before your edits ({n} edited cells). The What if… card shows the edited window’s forecast and per-step attributions.',
    go: 'Show the edited window'
  },
  counterfactual: {
    title: 'Smallest change to reach a forecast',
    hint: 'What is the smallest change to the inputs that moves the forecast to a value you choose? Values stay within each input’s training range.',
    target: 'Target forecast',
    lockFeatures: 'Keep these inputs as they are',
    lockSteps: 'Keep these steps as they are (Ctrl/⌘-click for several)',
    lastSteps: 'Only the last k steps may change (empty: any step)',
    run: 'Find the change',
    cancel: 'Cancel',
    running: 'Searching…',
    reached: 'Reached: the forecast is {prediction} (target {target}).',
    unreachable:
      'The target cannot be reached within the training ranges and locks; the closest forecast found is {prediction}.',
    distance:
      "Distance {distance} (sum of {'|'}change{'|'} ÷ training range); {n} of {total} cells changed.",
    seconds: '{seconds} s, {calls} model calls',
    none: 'No cell needs to change: the forecast is already within reach of the target.',
    step: 'Date',
    feature: 'Input',
    from: 'From',
    to: 'To',
    apply: 'Edit this window',
    cancelled: 'The search was cancelled.'
  },
  scenarios: {
    title: 'Scenarios',
    name: 'Scenario name',
    save: 'Save scenario',
    saved: 'Saved “{name}”.',
    load: 'Load',
    delete: 'Delete',
    empty: 'No saved scenarios for this run.',
    cells: '1 cell · forecast {forecast} | {n} cells · forecast {forecast}',
    export: 'Export',
    report: 'Report',
    window: 'test window {n}'
  }
}

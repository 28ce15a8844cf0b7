/** English strings of the Explain view (merged into en.ts as `explain`). */
import { TRUST_TEXT_EN } from '@shared/explanation-trust-text'

export const explainEn = {
  title: 'Explain',
  subtitle: 'Which past steps and features drove a forecast, and how far to trust the answer.',
  none: 'Open a finished run first: train a model, or reopen one from Runs.',
  openRuns: 'Go to Runs',
  attribution: 'Attribution',
  export: { group: 'Export this explanation', label: 'Export', report: 'HTML report' },
  pick: {
    title: 'Pick a forecast',
    hint: 'Click a point on the chart, or focus it and use ← → Home End; or choose by number or date.',
    aria: 'Forecasts and actual values over {count} test windows; the picked one is marked. Use the arrow keys to move.',
    index: 'Test window (1–{count})',
    date: 'Forecast for',
    target: 'Forecast for',
    error: 'Forecast − actual'
  },
  window: {
    title: 'Input window and attribution per step',
    hint: 'Top: the inputs the model saw, the forecast and what happened. Below: how much each step pushed the forecast up (red) or down (blue).',
    previewHint:
      'The inputs the model sees for this forecast. Run an explanation to see each step’s attribution below them.',
    forecast: 'Forecast',
    series: 'Series',
    aria: '{series} over the {steps} input steps, with the forecast for {date}',
    barsAria: 'Attribution per input step, on the same dates as the series above',
    unavailable: 'Loading the input window…',
    whiskers: 'Whiskers show ±1.96 standard errors of the estimate.'
  },
  heatmap: {
    title: 'Attribution by time step and feature',
    hint: {
      time: 'Time level: one row for all features together. Choose the cell level to split it by feature.',
      feature:
        'Feature level: one cell per feature over the whole window. Choose the cell level to split it by step.',
      cell: 'Each cell is one input value: column = time step, row = feature.'
    },
    aria: 'Heatmap of attributions by time step and feature; the data table below lists the values',
    allFeatures: 'All features',
    allSteps: 'All steps',
    lowered: 'Lowered the forecast',
    raised: 'Raised it'
  },
  features: {
    title: 'Attribution per feature',
    aria: 'Bar chart of attribution per feature, largest first',
    summed: 'Sums of the cell attributions over all steps.'
  },
  deletion: {
    title: 'Deletion curve',
    aria: 'Forecast as the most important inputs are removed, against a random order',
    deletion: 'Deletion',
    deletionRandom: 'Deletion, random order',
    insertion: 'Insertion',
    insertionRandom: 'Insertion, random order',
    removed: 'Share of inputs replaced by the baseline',
    hint: 'Solid: most important inputs first. Dashed: a random order (mean of {orders}). A faithful explanation moves the forecast faster than random. | Solid: most important inputs first. Dashed: random orders (mean of {orders}). A faithful explanation moves the forecast faster than random.',
    none: 'Run with the deletion check to compare against a random order.'
  },
  methods: {
    exact: 'Exact Shapley values',
    kernelshap: 'KernelSHAP',
    timeshap: 'TimeSHAP (pruning)',
    lime: 'LIME',
    occlusion: 'Occlusion',
    ig: 'Integrated Gradients'
  },
  methodHints: {
    exact: 'Every coalition of players: exact, but 2^players model calls.',
    kernelshap:
      'Shapley values from sampled coalitions, with standard errors; exact for few players.',
    timeshap: 'KernelSHAP after merging old steps that do not matter into one player.',
    lime: 'A weighted linear fit around this window; check its R².',
    occlusion: 'Replace each step or feature by the baseline and watch the forecast change.',
    ig: 'Gradients along the path from the baseline to the input.'
  },
  levels: { time: 'Time', feature: 'Feature', cell: 'Cell' },
  baselines: {
    mean: 'Mean window',
    median: 'Median window',
    zeros: 'Zeros',
    last: 'Last value repeated',
    background: 'Training windows (average)'
  },
  settings: {
    quantity: 'Explain',
    quantityChange: 'The predicted change',
    quantityForecast: 'The whole forecast',
    quantityHint:
      'This model learned the change from the last value. The whole forecast adds that last value, which then takes most of the credit.',
    title: 'Explanation settings',
    method: 'Method',
    level: 'Level',
    baseline: 'Baseline',
    backgroundSize: 'Background windows',
    samplesKernel: 'Coalitions',
    samplesLime: 'Samples',
    samplesIg: 'Path steps',
    auto: 'Automatic',
    seed: 'Seed',
    checks: 'Checks',
    deletion: 'Trust checks: deletion curve, agreement with exact values, spread across seeds',
    randomisation: 'Randomised-weights sanity check',
    calls: '{calls} model call | {calls} model calls',
    callsAtMost: 'at most {calls} model calls',
    values: {
      exact: 'exact Shapley values',
      sampled: 'sampled Shapley values',
      approximate: 'approximate attributions'
    },
    players: '{count} player | {count} players',
    planning: 'Counting model calls…',
    exactTooMany:
      'Exact Shapley values need at most {limit} players; this level has {players}. Choose KernelSHAP or a coarser level.',
    expensive: 'This explanation needs {calls} model calls and may take a while.',
    running: 'Explaining…',
    cancelling: 'Cancelling…',
    progress: '{done} of {total}',
    run: 'Explain this forecast',
    cancel: 'Cancel',
    cancelled: 'Cancelled. Nothing was saved.'
  },
  trust: {
    title: 'Can I trust this?',
    allPass: 'All checks pass',
    noneRan: 'No check ran',
    failures: '{count} check failed | {count} checks failed',
    fx: 'f(x): forecast',
    fxChange: 'f(x): predicted change',
    fb: 'f(baseline)',
    sum: 'Σφ',
    gap: 'Additivity gap',
    identity: 'Attributions should add up to f(x) − f(baseline).',
    // One wording with the exports.
    ...TRUST_TEXT_EN,
    construction: 'by construction',
    runChecks: 'Run with the trust checks',
    runRandomisation: 'Run the sanity check',
    stderr: 'Standard errors',
    stderrValue: 'mean {mean}, largest {max}',
    stderrExact: 'none: exact values',
    noStderr: 'not estimated by this method',
    limeR2: 'LIME R²',
    igGap: 'Completeness gap',
    pruned: 'Pruned before step',
    calls: 'Cost',
    callsValue: '{calls} calls in {seconds} s',
    baseline: 'Baseline'
  },
  table: {
    summary: 'Data table: top {shown} of {total} attributions',
    caption: 'Attributions, largest magnitude first',
    time: 'Date',
    feature: 'Feature',
    value: 'Value',
    attribution: 'Attribution',
    interval: '± {z} s.e.',
    showAll: 'Show all {total}'
  },
  compare: {
    title: 'Compare',
    hint: 'Explain the same forecast another way and see whether the rankings agree.',
    method: 'Another method',
    otherSeed: 'Same method, another seed',
    past: 'Or a past explanation of this forecast',
    run: 'Run',
    seed: 'seed {seed}',
    levels: 'These two explanations are at levels that cannot be compared (time vs feature).',
    spearman: 'Rank correlation ρ',
    spearmanAbs: "ρ of {'|'}φ{'|'}",
    overlap: 'Top-5 overlap',
    verdict: 'Agreement',
    strong: 'Strong',
    moderate: 'Moderate',
    weak: 'Weak',
    undefined: 'Undefined',
    none: 'Run a second method or seed to compare.'
  },
  history: {
    title: 'Past explanations',
    report: 'Select to make a report | Report of 1 | Report of {count}',
    empty: 'Explanations of this run are listed here.',
    select: 'Select',
    forecast: 'Forecast for',
    method: 'Method',
    checks: 'Checks',
    open: 'Open',
    selectOne: 'Include the explanation for {date} in the report',
    openOne: 'Open the {method} explanation for {date}',
    number: 'window {n} · index {index}',
    indexHint:
      'Test windows count from 1 here; the JSON export, the CLI (--index) and file names count from 0.'
  },
  global: {
    title: 'How far back does the model look?',
    hint: "Mean {'|'}attribution{'|'} by lag over many test windows, with the method, baseline and seed above.",
    windows: 'Test windows (of {max})',
    run: 'Compute importance by lag',
    running: 'Computing importance by lag',
    aria: 'Bar chart of mean absolute attribution by lag over {windows} test windows',
    importance: "Mean {'|'}φ{'|'}",
    lag: '{lag}',
    axis: 'Steps before the forecast',
    reach:
      '80% of the importance lies in the last step (of {total}). | 80% of the importance lies in the last {steps} steps (of {total}).',
    meta: '{windows} windows · {calls} model calls · {seconds} s',
    past: 'Saved result ({count}) | Saved results ({count})',
    pastWindows: '{windows} windows'
  }
}

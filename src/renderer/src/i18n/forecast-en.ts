/**
 * Multi-step forecasts, intervals and the comparison with the naive
 * forecasts: the Train settings, the Results panels and the Explain step
 * picker (merged as `forecast` in i18n/index.ts).
 */
export const forecastEn = {
  settings: {
    title: 'Forecast',
    multiStep: 'Multi-step: predict every step up to the horizon',
    multiStepHint: 'One output per step 1…H, so you see the whole path ahead, not one point.',
    targetMode: 'The model learns',
    auto: 'Decide from the data (auto)',
    level: 'The value itself',
    change: 'The change from the last value',
    autoHint:
      'Auto runs a trend test (KPSS) on the training part before training and picks “change” for a trending series, “level” otherwise.',
    levelHint: 'Fits the value itself: good for series without a trend.',
    changeHint: 'Fits the change from the last value: a model cannot reach levels it never saw.',
    intervals: 'Prediction intervals',
    intervalsHint:
      'Calibrated on the validation errors (split conformal). Two levels, in percent of test actuals they should hold.',
    intervalInner: 'Inner level %',
    intervalOuter: 'Outer level %',
    intervalsOrder: 'The outer level must be wider than the inner one.',
    earlyStoppingOn:
      'Early stopping is on: training keeps the epoch with the lowest validation loss.',
    earlyStoppingOff: 'Early stopping is off: the last epoch is kept, even if it overfits.'
  },
  policies: {
    multiStep:
      'Counted for a multi-step model (the Train view’s setting): a window needs the actual of every step 1–{h}.'
  },
  summary: {
    kind: 'Forecast',
    multi: 'Every step 1–{h}',
    single: 'Step {h} only',
    intervals: 'Interval levels',
    none: 'none',
    atHorizon: 'At step {h}, the horizon; every step is in “Error by step” below.'
  },
  compare: {
    multi: 'Every step to the horizon',
    single: 'The horizon step only'
  },
  mode: {
    title: 'What the model learned',
    level: 'the value itself',
    change: 'the change from the last value',
    learned: 'The model learned {mode}.',
    asSet: 'The model learned {mode}, as set.'
  },
  byStep: {
    title: 'Error by step',
    subtitle: 'Test RMSE at each step ahead: lower is better.',
    step: 'Step',
    rmse: 'RMSE',
    mase: 'MASE (model)',
    aria: 'Bar chart of test RMSE at each of {count} steps: model, naive and seasonal naive',
    numbers: 'The numbers',
    modelRmse: 'Model RMSE',
    naiveRmse: 'Naive RMSE',
    seasonalRmse: 'Seasonal naive RMSE',
    modelMase: 'Model MASE'
  },
  path: {
    title: 'Forecast path from one test origin',
    subtitle:
      'Every step from 1 to {horizon} predicted from one origin, against what happened, with intervals.',
    origin: 'Origin (test window)',
    originValue: 'Window {index} of {count}: forecast made at {time}',
    actual: 'Actual',
    path: 'Forecast path',
    interval: '{level} interval',
    aria: 'Line chart of the forecast path from {time} over {steps} steps, with interval bands and actual values'
  },
  coverage: {
    title: 'Interval coverage on test',
    line: '{level} interval: {coverage} of test actuals inside (nominal {level})',
    note: 'Calibrated on validation; coverage near nominal means the intervals are honest.'
  },
  ahead: {
    title: 'Forecast past the end of the data',
    subtitle: 'From the last window of the data, every step to the horizon.',
    load: 'Forecast past the end',
    loading: 'Forecasting…',
    from: 'From the window ending {time}',
    aria: 'Line chart of the forecast past the end over {steps} steps, with interval bands',
    step: 'Step',
    time: 'Time',
    value: 'Forecast',
    interval: '{level} interval'
  },
  loses: {
    title: 'The model is not better than a naive forecast',
    testOverall:
      'On test at the horizon (step {step}), {baseline} has a lower RMSE ({theirs}) than the model ({mine}).',
    validationOverall:
      'On validation at the horizon (step {step}), {baseline} has a lower RMSE ({theirs}) than the model ({mine}).',
    steps:
      'At step {steps}, {baseline} beats the model on test. | At steps {steps}, {baseline} beats the model on test.',
    next: 'Try one of these:',
    switchMode: 'Learn {mode} instead',
    useSuggested: 'Use the suggested {what}',
    suggestedWindow: 'window {steps}',
    suggestedSeason: 'season {lag}',
    suggestedUsed: 'This run already uses what the data suggests: {what}.',
    longer: 'Train longer ({epochs} epochs, early stopping on)',
    note: 'Each one puts the run’s settings, changed, in the Train form: check them and start.'
  },
  baseline: {
    naive: 'the naive forecast',
    seasonalNaive: 'the seasonal naive forecast'
  },
  explain: {
    step: 'Step to explain',
    stepHint: 'Which step of the path (1 = next step, {horizon} = the horizon).',
    stepValue: 'Step {step} of {horizon}',
    explained: 'The explanation shown is for step {step} of {horizon}.'
  }
}

export type ForecastMessages = typeof forecastEn

/** The Data view's exploration: import settings, statistics, autocorrelation, suggestions. */
export const dataEn = {
  import: {
    title: 'How the file is read',
    hint: 'Detected from the file; change any part and read it again.',
    delimiter: 'Delimiter',
    decimal: 'Decimal separator',
    header: 'Header row',
    headerNone: 'None (columns are numbered)',
    headerLine: 'Line {line}',
    encoding: 'Encoding',
    dateFormat: 'Date format',
    dateAuto: 'Detected',
    timeZone: 'Time zone of stamps without one',
    zoned: 'Stamps carry their own zone',
    apply: 'Read again',
    reading: 'Reading…',
    preview: 'First rows as read',
    comma: 'Comma (,)',
    semicolon: 'Semicolon (;)',
    tab: 'Tab',
    pipe: 'Bar (|)',
    dot: 'Dot (1.5)',
    decimalComma: 'Comma (1,5)',
    utf8: 'UTF-8',
    utf8Bom: 'UTF-8 (with BOM)',
    latin1: 'Latin-1 (Windows-1252)',
    formats: {
      iso: 'ISO (2021-01-31)',
      dmy: 'Day first (31/01/2021)',
      mdy: 'Month first (01/31/2021)',
      'unix-s': 'Unix seconds',
      'unix-ms': 'Unix milliseconds',
      year: 'Year (2021)'
    },
    ambiguous: 'Day-first and month-first both fit; the more regular reading was chosen.',
    sortOffer: 'Sort by time',
    keepLast: 'Keep the last of each time',
    average: 'Average rows with the same time',
    readProgress: 'Reading {name}: {pct}',
    cancelOpen: 'Cancel'
  },
  stats: {
    std: 'Std',
    count: 'Count',
    histogram: 'Distribution',
    histogramAria: 'Histogram of {column}: {bins} bins from {min} to {max}'
  },
  acf: {
    title: 'Autocorrelation of {column}',
    changes: 'of its changes (the level has a trend)',
    aria: 'Autocorrelation of {column} for lags 1 to {lags}, with the 95% band ±{band}',
    band: '95% band for white noise',
    lag: 'Lag',
    none: 'Not enough values for an autocorrelation.'
  },
  suggest: {
    title: 'Suggested settings',
    season: 'Season length: {steps}',
    window: 'Window: {steps} steps',
    change: 'Learn the change: the level trends',
    level: 'Learn the value: no trend found',
    use: 'Use',
    used: 'In use',
    none: 'No suggestion for this column.'
  },
  policies: {
    title: 'Windows kept by each missing-value policy',
    caption: 'Windows of {window} steps (+{horizon}) over {columns}',
    policy: 'Policy',
    train: 'Train',
    validation: 'Validation',
    test: 'Test',
    skipped: 'Skipped',
    keeps: 'Keeps {train} train · {validation} validation · {test} test windows',
    chosen: 'chosen'
  },
  steps: {
    title: 'Time step',
    ms: 'Every {value}',
    month: 'Every {value} month(s)',
    businessDay: 'Every business day (weekends skipped)',
    none: 'Rows by position',
    breaks: 'Breaks at: {list}',
    days: '{n} day(s)',
    hours: '{n} hour(s)',
    minutes: '{n} minute(s)',
    seconds: '{n} second(s)'
  }
}

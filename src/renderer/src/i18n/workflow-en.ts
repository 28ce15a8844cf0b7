/** English strings added to the shell, Train and Results (merged into en.ts as `workflow`). */
export const workflowEn = {
  windows: {
    title: 'Windows',
    split: 'Train / validation / test',
    skipped: 'Skipped (gaps)',
    skippedHint: 'Windows that touch a missing value, left out under “Skip windows with gaps”.',
    aria: '{train} training, {validation} validation and {test} test windows; {skipped} skipped because of gaps'
  },
  settings: {
    extraInputs: 'Extra inputs',
    none: 'none'
  },
  engine: {
    checking: 'Asking the engine…',
    answered: 'The engine answered at {time}: {backend}, {state}.',
    failed: 'The engine did not answer at {time}.'
  },
  shell: {
    runData: 'Open run trained on',
    runDataMissing: '{name} could not be reopened: the Data and Explain views cannot show its rows.'
  },
  noValidationLoss: 'No validation part: only the training loss is drawn.'
}

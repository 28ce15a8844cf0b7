/** English messages of the numeric fields (merged into en.ts as `forms`). */
export const formsEn = {
  required: 'Enter a value.',
  notNumber: 'Enter a number, like 12 or 0.5.',
  comma: 'Write decimals with a point (0.01); “1,000” could mean one or a thousand.',
  integer: 'Enter a whole number.',
  rangeWholeFromTo: 'Enter a whole number from {min} to {max}.',
  rangeWholeFrom: 'Enter a whole number of at least {min}.',
  rangeWholeTo: 'Enter a whole number of at most {max}.',
  rangeFromTo: 'Enter a number from {min} to {max}.',
  rangeFromBelow: 'Enter a number from {min} to below {max}.',
  rangeFrom: 'Enter a number of at least {min}.',
  rangeAboveTo: 'Enter a number above {min} and at most {max}.',
  rangeAboveBelow: 'Enter a number above {min} and below {max}.',
  rangeAbove: 'Enter a number above {min}.',
  rangeTo: 'Enter a number of at most {max}.',
  rangeBelow: 'Enter a number below {max}.',
  noValidation:
    'The validation part is 0 %: there is no validation loss, so early stopping watches the training loss instead.',
  fixData: 'Data settings to fix: {fields}.',
  fixModel: 'Model settings to fix: {fields}.',
  goToData: 'Go to Data'
}

/**
 * English text for codes the renderer itself raises. Engine and service
 * messages need no entry here: their English text comes with them.
 */
export const codesEn = {
  'invalid-settings': 'Fix the highlighted settings first.',
  'no-dataset': 'Open a dataset first.',
  'too-large':
    '{file} is {megabytes} MB; browser mode accepts up to {limit} MB. Open it in the desktop app instead.',
  disconnected: 'Lost the connection to Hindsight. Is `npm run serve` still running?',
  forbidden: 'The request was refused: it did not come from the Hindsight window.'
} as const

/** The files of a run folder (runs/<id>/), named once. */
export const RUN_JSON = 'run.json'
export const HISTORY_JSONL = 'history.jsonl'
export const PREDICTIONS_CSV = 'predictions.csv'
export const MODEL_DIR = 'model'

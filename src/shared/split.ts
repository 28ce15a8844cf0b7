/**
 * Where the chronological split falls, in rows. The engine cuts its windows
 * with this function and the Data view draws its bands with it, so the two
 * can never disagree by a row (rows × fraction is floored: a part never
 * holds a row it was not given).
 */
export interface SplitFractions {
  readonly train: number
  readonly validation: number
}

export interface SplitRows {
  /** First row after the training part. */
  readonly trainEndRow: number
  /** First row after the validation part (the test part starts here). */
  readonly validationEndRow: number
}

export function splitEndRows(rows: number, split: SplitFractions): SplitRows {
  return {
    trainEndRow: Math.floor(rows * split.train),
    validationEndRow: Math.floor(rows * (split.train + split.validation))
  }
}

/** The part a row belongs to. */
export function partOfRow(row: number, split: SplitRows): 'train' | 'validation' | 'test' {
  return row < split.trainEndRow ? 'train' : row < split.validationEndRow ? 'validation' : 'test'
}

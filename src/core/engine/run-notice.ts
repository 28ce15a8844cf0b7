/**
 * How a training run ended, said to the user: in English (run.json's
 * `message`, what the CLI prints) and as a code with its values (`notice`),
 * which the app says in the user's language.
 */
import type { CodedMessage, UserError } from '../../shared/domain'
import type { RunFile } from '../runs/run-store'

/** A run's closing message, in English and as a code with its values. */
export function withNotice(run: RunFile, notice: CodedMessage): RunFile {
  return { ...run, message: notice.message, notice }
}

export function cancelledBeforeEpoch(): CodedMessage {
  return { code: 'cancelled-before-epoch', message: 'Cancelled before the first epoch ended.' }
}

/**
 * What to tell the user about how training ended, when it did not simply run
 * every epoch. Says which loss early stopping watched (the training loss when
 * there is no validation part) and whether weights were restored.
 */
export function finishNotice(
  fit: {
    history: readonly unknown[]
    cancelled: boolean
    stoppedEarly: boolean
    bestEpoch: number
  },
  hasValidation: boolean
): CodedMessage | null {
  const epochs = fit.history.length
  if (fit.cancelled) {
    return {
      code: 'cancelled-after-epochs',
      message: `Cancelled after ${epochs} epoch(s); the model as of that epoch was evaluated and saved.`,
      params: { epochs }
    }
  }
  const watched = hasValidation ? '' : ' (no validation part: it watched the training loss)'
  if (!fit.stoppedEarly) {
    if (fit.bestEpoch === epochs) return null
    return {
      code: hasValidation ? 'restored-best-epoch' : 'restored-best-epoch-train-loss',
      message: `Trained all ${epochs} epochs${watched}; the loss was lowest at epoch ${fit.bestEpoch}, whose weights were kept.`,
      params: { epochs, bestEpoch: fit.bestEpoch }
    }
  }
  if (fit.bestEpoch !== epochs) {
    return {
      code: hasValidation ? 'stopped-early' : 'stopped-early-train-loss',
      message: `Stopped early after ${epochs} epochs${watched}; weights restored from epoch ${fit.bestEpoch}.`,
      params: { epochs, bestEpoch: fit.bestEpoch }
    }
  }
  return {
    code: hasValidation ? 'stopped-early-last' : 'stopped-early-last-train-loss',
    message: `Stopped early after ${epochs} epochs${watched}; the last epoch's weights were kept.`,
    params: { epochs }
  }
}

/** An error as a run's notice: where it happened becomes values the message can name. */
export function noticeOf(error: UserError): CodedMessage {
  const { code, message, file, row, column, params } = error
  const values = {
    ...(file === undefined ? {} : { file }),
    ...(row === undefined ? {} : { row }),
    ...(column === undefined ? {} : { column }),
    ...params
  }
  return { code, message, ...(Object.keys(values).length > 0 ? { params: values } : {}) }
}

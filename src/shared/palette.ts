/**
 * The colours of every quantity the app draws, shared by the renderer's charts
 * and the exported PNG/HTML, so one quantity has one colour everywhere.
 * Attributions use the diverging scale in diverging-colour.ts (red raised the
 * forecast, blue lowered it); nothing else here is red or blue-red, so a curve
 * is never mistaken for a sign.
 */
export const PALETTE = {
  /** The target series, and the input series over an explained window. */
  target: '#1f6feb',
  /** Extra input features, in order. */
  feature: ['#8250df', '#bf3989', '#0a7d6f', '#9a6700'],
  actual: '#24292f',
  predicted: '#1f6feb',
  naive: '#8c959f',
  /** The seasonal naive forecast (the value one season back). */
  seasonalNaive: '#0a7d6f',
  /**
   * Prediction-interval bands around a forecast path, narrowest level first:
   * the predicted colour, paler for each wider level.
   */
  interval: ['rgba(31, 111, 235, 0.32)', 'rgba(31, 111, 235, 0.14)'],
  loss: '#1f6feb',
  valLoss: '#d4701b',
  /** Split bands behind the series. */
  train: 'rgba(31, 111, 235, 0.07)',
  validation: 'rgba(212, 112, 27, 0.12)',
  test: 'rgba(26, 127, 55, 0.12)',
  /** Trust checks: deletion and insertion curves (random order dashed, same colour). */
  deletion: '#d4701b',
  insertion: '#0a7d6f',
  /** Importance by lag (mean |φ|, no sign). */
  importance: '#1f6feb',
  /** Where a series' time step breaks (Data view). */
  stepBreak: '#bc4c00'
} as const

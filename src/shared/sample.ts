/** The dataset that ships with the app, so the first launch shows real data. */
export const SAMPLE_DATASET = {
  file: 'co2_mauna_loa_monthly.csv',
  name: 'CO2 at Mauna Loa (monthly)',
  attribution:
    'Scripps CO2 Program, Scripps Institution of Oceanography; via vega-datasets (CC BY 4.0).',
  /**
   * The suggested task: 12 months ahead from the last 36, season 12. CO2 rises
   * steadily, so the model learns the change over the horizon, not the level.
   */
  suggested: {
    target: 'co2',
    window: 36,
    horizon: 12,
    seasonLength: 12,
    targetMode: 'change',
    missing: 'interpolate'
  }
} as const

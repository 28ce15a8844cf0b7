import { z } from 'zod'

export const CELL_TYPES = ['lstm', 'gru', 'rnn'] as const
export const CellTypeSchema = z.enum(CELL_TYPES)
export type CellType = z.infer<typeof CellTypeSchema>

/** Which recurrent implementation trains the model: the fused CPU kernels or tf.layers. */
export const KernelChoiceSchema = z.enum(['auto', 'fused', 'stock'])
export type KernelChoice = z.infer<typeof KernelChoiceSchema>

/**
 * Stop when the validation loss (training loss without a validation part) has
 * not improved for `patience` epochs, and keep the best epoch's weights.
 */
export const EarlyStoppingSchema = z.object({
  enabled: z.boolean().default(true),
  patience: z.number().int().min(1).max(1000).default(10),
  restoreBestWeights: z.boolean().default(true)
})

/**
 * The model and its training settings. Defaults are the reference model:
 * LSTM(50, seq) → Dropout 0.2 → LSTM(50, seq) → Dropout 0.2 → LSTM(50) → Dropout 0.2 → Dense(1),
 * MSE, Adam, batch 32, 100 epochs.
 */
export const ModelConfigSchema = z.object({
  cell: CellTypeSchema.default('lstm'),
  layers: z.number().int().min(1).max(8).default(3),
  units: z.number().int().min(1).max(1024).default(50),
  dropout: z.number().min(0).max(0.9).default(0.2),
  learningRate: z.number().positive().max(1).default(0.001),
  epochs: z.number().int().min(1).max(100_000).default(100),
  batchSize: z.number().int().min(1).max(65_536).default(32),
  earlyStopping: EarlyStoppingSchema.default({
    enabled: true,
    patience: 10,
    restoreBestWeights: true
  }),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(42),
  kernels: KernelChoiceSchema.default('auto')
})

export type ModelConfig = z.output<typeof ModelConfigSchema>
export type ModelConfigInput = z.input<typeof ModelConfigSchema>

export const REFERENCE_MODEL: ModelConfig = ModelConfigSchema.parse({})

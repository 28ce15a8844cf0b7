// Which models the fused train step (train-step.ts) runs exactly, and their layers' variables
// in the order trainOnBatch hands them to the optimizer. Anything it does not recognise keeps
// model.trainOnBatch, with the reason.
import type * as tf from '@tensorflow/tfjs'
import { isFusedAdam, type FusedAdam } from './fused-adam'
import { FusedGRU, FusedLSTM } from './fused-layers'
import { runtimeError } from './runtime'
import type { CellKind } from './sequence'

export interface RecurrentStage {
  readonly cell: CellKind
  readonly units: number
  readonly returnSequences: boolean
  /** kernel, recurrent, bias (the bias may be absent). */
  readonly variables: readonly tf.Variable[]
  /** Rate of the Dropout layer that follows (0: none). */
  readonly dropout: number
}

export interface Plan {
  readonly stages: readonly RecurrentStage[]
  /** Dense kernel [nu, outputs] and bias [outputs] (absent without bias). */
  readonly dense: readonly tf.Variable[]
  readonly outputs: number
  readonly optimizer: FusedAdam
  /** Every trainable variable in trainOnBatch's order (the optimizer's slot order). */
  readonly order: readonly tf.Variable[]
}

/** The layer and cell members the plan reads (tfjs keeps them untyped or protected). */
interface RecurrentView {
  readonly cell: {
    readonly kernel: tf.LayerVariable
    readonly recurrentKernel: tf.LayerVariable
    readonly bias: tf.LayerVariable | null
    readonly dropout: number
    readonly recurrentDropout: number
    readonly units: number
    readonly kernelRegularizer?: unknown
    readonly recurrentRegularizer?: unknown
    readonly biasRegularizer?: unknown
    readonly kernelConstraint?: unknown
    readonly recurrentConstraint?: unknown
    readonly biasConstraint?: unknown
  }
  readonly returnSequences: boolean
  readonly stateful: boolean
  readonly goBackwards: boolean
  readonly returnState: boolean
  readonly activityRegularizer?: unknown
  getConfig(): tf.serialization.ConfigDict
}

interface DenseView {
  readonly kernel: tf.LayerVariable
  readonly bias: tf.LayerVariable | null
  readonly units: number
  readonly kernelRegularizer?: unknown
  readonly biasRegularizer?: unknown
  readonly kernelConstraint?: unknown
  readonly biasConstraint?: unknown
  readonly activityRegularizer?: unknown
  getConfig(): tf.serialization.ConfigDict
}

interface DropoutView {
  readonly rate: number
  readonly noiseShape?: number[] | null
  readonly seed?: number | null
}

const MSE = new Set(['meanSquaredError', 'mse', 'MSE', 'mean_squared_error'])

/** LayerVariable.read() is typed as a Tensor but is the layer's tf.Variable. */
function variableOf(v: tf.LayerVariable): tf.Variable {
  return v.read() as tf.Variable
}

function unset(...values: unknown[]): boolean {
  return values.every((v) => v === undefined || v === null)
}

function recurrentStage(layer: tf.layers.Layer): RecurrentStage | string {
  const kind: CellKind | null =
    layer instanceof FusedLSTM ? 'lstm' : layer instanceof FusedGRU ? 'gru' : null
  if (!kind) return `${layer.getClassName()} layer ${layer.name}`
  const l = layer as unknown as RecurrentView
  const c = l.cell
  const config = l.getConfig()
  if (l.stateful || l.goBackwards || l.returnState) return `${layer.name}: stateful or reversed`
  if (config['activation'] !== 'tanh' || config['recurrentActivation'] !== 'sigmoid')
    return `${layer.name}: activations`
  if (c.dropout > 0 || c.recurrentDropout > 0) return `${layer.name}: dropout inside the cell`
  const extras = [c.kernelRegularizer, c.recurrentRegularizer, c.biasRegularizer]
  if (!unset(...extras, c.kernelConstraint, c.recurrentConstraint, c.biasConstraint))
    return `${layer.name}: regularizers or constraints`
  if (!unset(l.activityRegularizer)) return `${layer.name}: activity regularizer`
  const variables = [c.kernel, c.recurrentKernel, ...(c.bias ? [c.bias] : [])].map(variableOf)
  return {
    cell: kind,
    units: c.units,
    returnSequences: l.returnSequences,
    variables,
    dropout: 0
  }
}

/** Why the model cannot take the fused step, or its plan. */
export function planTrainStep(model: tf.LayersModel): Plan | string {
  const error = runtimeError()
  if (error !== null) return error
  if (!isFusedAdam(model.optimizer)) return 'optimizer is not the fused Adam'
  const loss = (model as unknown as { loss: unknown }).loss
  if (typeof loss !== 'string' || !MSE.has(loss)) return 'loss is not mean squared error'
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'several inputs or outputs'
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer')
  const stages: RecurrentStage[] = []
  let i = 0
  for (; i < layers.length - 1; i++) {
    const layer = layers[i]!
    if (layer.getClassName() === 'Dropout') {
      const d = layer as unknown as DropoutView
      const last = stages[stages.length - 1]
      if (!last || last.dropout > 0 || !unset(d.noiseShape, d.seed)) return 'dropout placement'
      stages[stages.length - 1] = { ...last, dropout: d.rate }
      continue
    }
    const stage = recurrentStage(layer)
    if (typeof stage === 'string') return stage
    stages.push(stage)
  }
  const dense = layers[i]
  if (stages.length === 0 || !dense || dense.getClassName() !== 'Dense') return 'not a stack'
  const d = dense as unknown as DenseView
  const extras = [d.kernelRegularizer, d.biasRegularizer, d.kernelConstraint, d.biasConstraint]
  if (!unset(...extras, d.activityRegularizer)) return 'dense regularizers or constraints'
  if (d.getConfig()['activation'] !== 'linear') return 'dense activation'
  const returns = stages.map((s) => s.returnSequences)
  if (returns.some((r, k) => r !== k < stages.length - 1)) return 'returnSequences layout'
  const denseVars = [d.kernel, ...(d.bias ? [d.bias] : [])].map(variableOf)
  const order = [...stages.flatMap((s) => s.variables), ...denseVars]
  const trainable = (model as unknown as { collectedTrainableWeights?: tf.LayerVariable[] })
    .collectedTrainableWeights
  const expected = (trainable ?? model.trainableWeights).map(variableOf)
  if (expected.length !== order.length || expected.some((v, k) => v !== order[k]))
    return 'trainable weights out of order'
  return { stages, dense: denseVars, outputs: d.units, optimizer: model.optimizer, order }
}

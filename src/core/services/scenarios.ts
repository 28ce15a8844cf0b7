import { SCENARIO_SCHEMA, type SaveScenario, type Scenario } from '../../shared/scenario'
import { deleteScenario, listScenarios, newScenarioId, saveScenario } from '../runs/scenario-store'
import type { ExplanationService } from './explanations'

/**
 * What-if scenarios of a run. Saving recomputes both forecasts in the engine
 * (the edits are checked there: steps inside the window, columns of the run),
 * so a saved file never holds a forecast the model did not make.
 */
export class ScenarioService {
  constructor(private readonly explanations: ExplanationService) {}

  async save(runId: string, runDir: string, request: SaveScenario): Promise<Scenario> {
    const result = await this.explanations.whatIf(runId, runDir, {
      index: request.index,
      edits: request.edits,
      seed: 42
    })
    const scenario: Scenario = {
      schema: SCENARIO_SCHEMA,
      id: newScenarioId(),
      name: request.name,
      createdAt: new Date().toISOString(),
      runId,
      index: result.index,
      columns: result.columns,
      time: result.time,
      edits: request.edits,
      original: result.original,
      edited: result.edited
    }
    await saveScenario(runDir, scenario)
    return scenario
  }

  list(runDir: string): Promise<Scenario[]> {
    return listScenarios(runDir)
  }

  async delete(runDir: string, id: string): Promise<{ deleted: true }> {
    await deleteScenario(runDir, id)
    return { deleted: true }
  }
}

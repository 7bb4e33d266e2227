// The scenario a replay request asks for: a bundled one by name (never a path: the API reads no file
// the client names) or one sent inline, read by the same loader as the files, then the request's
// options, replications and seed in place of the scenario's. Every reference the request makes is
// checked here, before the job is queued, so that a bad request is answered at once, not by a failed job.

import { Injectable } from '@nestjs/common';
import * as path from 'node:path';
import type { FieldProblem } from '../../common/domain/domain-error';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import { ScenarioError } from '../../scenarios/application/scenario.errors';
import { bundledScenarioFiles, bundledScenariosDir, loadScenarioFile, parseScenario } from '../../scenarios/application/scenario-loader';
import type { Scenario } from '../../scenarios/domain/scenario';
import { inlineScenarioInvalid, unknownOptions, unknownScenario } from './replay-job.errors';

export interface ReplayRequest {
  /** A bundled scenario's name, or a scenario object whose shape the HTTP layer has validated. */
  scenario: string | Record<string, unknown>;
  /** Instead of the scenario's options; the first is the one differences are taken against. */
  options?: string[];
  replications?: number;
  seed?: number;
}

/** The name of an inline scenario that gives none. */
export const INLINE_SCENARIO_NAME = 'inline';
const NO_FILES_INLINE = 'a scenario sent inline cannot name a recorded stream file; send arrival streams instead, or replay a bundled scenario by name';

const scenarioName = (file: string) => path.basename(file).replace(/\.ya?ml$/, '');

@Injectable()
export class ReplayScenarios {
  constructor(private readonly ref: ReferenceIndex) {}

  async resolve(request: ReplayRequest): Promise<Scenario> {
    const loaded = typeof request.scenario === 'string' ? await this.bundled(request.scenario) : await this.inline(request.scenario);
    if (request.options) this.checkOptions(request.options);
    return {
      ...loaded,
      options: request.options ? [...request.options] : loaded.options,
      replications: request.replications ?? loaded.replications,
      seed: request.seed ?? loaded.seed,
    };
  }

  private async bundled(name: string): Promise<Scenario> {
    const files = bundledScenarioFiles(bundledScenariosDir());
    const file = files.find((f) => scenarioName(f) === name);
    if (!file) throw unknownScenario(name, files.map(scenarioName));
    try {
      return await loadScenarioFile(file, this.ref, { name });
    } catch (error) {
      // A bundled file that does not load is ours to fix, not the client's: a 500, logged.
      if (error instanceof ScenarioError) throw new Error(`the bundled scenario '${name}' does not load:\n${error.message}`);
      throw error;
    }
  }

  private async inline(data: Record<string, unknown>): Promise<Scenario> {
    // JSON is YAML, so the file loader reads the object as it would a file, with the same checks.
    const text = JSON.stringify(data, null, 2);
    try {
      return await parseScenario(text, 'scenario', this.ref, {
        name: INLINE_SCENARIO_NAME,
        readFile: () => {
          throw new Error(NO_FILES_INLINE);
        },
      });
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      throw inlineScenarioInvalid(error.problems.map((p) => ({ path: p.path ? `scenario.${p.path}` : 'scenario', message: p.message })));
    }
  }

  /** Options asked for instead of the scenario's must exist (an option's reforms apply where eligible, so its plans are the replay's business). */
  private checkOptions(options: string[]): void {
    const unknown: FieldProblem[] = options.flatMap((id, i) => (this.ref.options.has(id) ? [] : [{ path: `options[${i}]`, message: `unknown option '${id}'; see GET /api/options` }]));
    if (unknown.length > 0) throw unknownOptions(unknown);
  }
}

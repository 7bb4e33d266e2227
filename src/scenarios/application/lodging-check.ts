// Whether a declaration can be replayed: it is asked for a plan under each option of the scenario,
// exactly as replay and the live lodgement ask (lodgementPlanRequest), so an unknown code, a port
// that does not take the transport mode, or a two-step import that is not eligible is found when the
// file is read, not halfway through a replay.

import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import type { Declaration } from '../../planning/domain/declaration';
import { describe } from '../../planning/domain/declaration';
import { lodgementPlanRequest } from '../../planning/domain/lodgement-request';
import { Planner } from '../../planning/domain/planner';
import { REFORMS } from '../../planning/domain/reforms/reform-catalogue';
import type { ReferenceIndex } from '../../reference/domain/reference-index';
import type { Lodging } from '../domain/scenario';

export class LodgingCheck {
  private readonly planner: Planner;
  private readonly options: string[];

  /** `options`: the scenario's option ids; unknown ones are reported elsewhere and skipped here. */
  constructor(
    private readonly ref: ReferenceIndex,
    options: readonly string[],
  ) {
    this.planner = new Planner(ref, REFORMS);
    this.options = options.filter((id) => ref.options.has(id));
  }

  /** Problems with paths rooted at the lodgement: `declaration.goods[0].hsCode`, `procedure`, `advance`. */
  problems(declaration: Declaration, lodging: Lodging): FieldProblem[] {
    const found = new Map<string, FieldProblem>();
    const collect = (run: () => unknown, option?: string) => {
      try {
        run();
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Reforms of an option can change the plan (railway fast clearance drops the full declaration
        // that two-step would split), so eligibility is said per option.
        const under = option !== undefined && error.code === 'REFORM.INELIGIBLE' ? ` (under option '${option}')` : '';
        const problems = error.errors.length > 0 ? error.errors : [{ path: '', message: error.message }];
        for (const p of problems) found.set(`${p.path}\n${p.message}`, { path: p.path, message: `${p.message}${under}` });
      }
    };
    if (this.options.length === 0) collect(() => describe(declaration, this.ref, 'declaration'));
    for (const option of this.options) {
      collect(() => this.planner.plan(lodgementPlanRequest(declaration, option, lodging, 'declaration')), option);
      // An unknown code fails under every option alike; once is enough.
      if (found.size > 0) break;
    }
    return [...found.values()];
  }
}

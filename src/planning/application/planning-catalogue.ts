import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/domain/domain-error';
import type { OptionDefinition } from '../../reference/domain/reference-data';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import type { Declaration } from '../domain/declaration';
import type { ReformDefinition, ReformParameter } from '../domain/reforms/reform';
import { REFORMS } from '../domain/reforms/reform-catalogue';

/** A reform as users see it: its data without the functions. */
export interface ReformView {
  id: string;
  title: string;
  titleZh: string;
  clause: string;
  summary: string;
  sources: string[];
  assumption: boolean;
  eligibility: string;
  parameters: ReformParameter[];
  example: Declaration;
}

export function reformView(r: ReformDefinition): ReformView {
  return {
    id: r.id,
    title: r.title,
    titleZh: r.titleZh,
    clause: r.clause,
    summary: r.summary,
    sources: r.sources,
    assumption: r.assumption,
    eligibility: r.eligibility,
    parameters: r.parameters,
    example: r.example,
  };
}

/** The reforms swsim models (in the order they compose) and the options (named sets of them) from seeds/options.json. */
@Injectable()
export class PlanningCatalogue {
  private readonly reformViews = REFORMS.map(reformView);

  constructor(private readonly ref: ReferenceIndex) {}

  reforms(): ReformView[] {
    return this.reformViews;
  }

  reform(id: string): ReformView {
    const found = this.reformViews.find((r) => r.id === id);
    if (!found) throw new DomainError('REFORM.NOT_FOUND', `No reform '${id}'; see GET /api/reforms`, 'not-found', [{ path: 'id', message: `unknown reform '${id}'` }]);
    return found;
  }

  options(): OptionDefinition[] {
    return this.ref.data.options;
  }

  option(id: string): OptionDefinition {
    const found = this.ref.options.get(id);
    if (!found) throw new DomainError('OPTION.NOT_FOUND', `No option '${id}'; see GET /api/options`, 'not-found', [{ path: 'id', message: `unknown option '${id}'` }]);
    return found;
  }
}

// Shared by the declaration specs: real plans from the planner, lodge commands, and given/when/then
// helpers over decide/evolve.

import { DomainError } from '../../../common/domain/domain-error';
import type { Declaration } from '../../../planning/domain/declaration';
import type { ClearancePlan } from '../../../planning/domain/plan';
import { REFORMS } from '../../../planning/domain/reforms/reform-catalogue';
import { planner, variant } from '../../../planning/domain/testing/planning.test-kit';
import type { DeclarationCommand, LodgeDeclaration } from '../declaration.commands';
import { decide, evolve, foldEvents } from '../declaration.decider';
import type { DeclarationEvent } from '../declaration.events';
import type { DeclarationState, LodgedDeclaration } from '../declaration.state';

export const reformExample = (id: string): Declaration => REFORMS.find((r) => r.id === id)!.example;

/** The declarations of the flows. */
export const FLOWS = {
  /** Portable computers imported by road at Khorgos, general trade. */
  importByRoad: () => reformExample('two-step-declaration'),
  /** Copper concentrate by rail at Alashankou for the Changji smelter. */
  copper: () => reformExample('port-plus-unloading-place'),
  /** Fresh grapes exported by road at Bakhtu. */
  grapesExport: () => reformExample('green-channel'),
  /** Knitwear from Kashgar CBZ driven to Irkeshtam and out. */
  tirExport: () => reformExample('tir'),
  /** Goods crossing China from Irkeshtam to Khorgos. */
  transit: () => variant(reformExample('tir'), { flow: 'transit', port: 'irkeshtam', exitPort: 'khorgos-road', supervisionMode: 'TRST', inlandSite: undefined }),
  /** An excavator into Kashgar CBZ for repair. */
  bondedRepair: () => reformExample('bonded-maintenance'),
};

export function planFor(declaration: Declaration, reforms: string[] = [], parameters?: Record<string, Record<string, number>>): ClearancePlan {
  return planner().plan({ declaration, reforms, parameters }).plan;
}

export function lodgeCommand(declaration: Declaration, options: Partial<LodgeDeclaration['data']> = {}): LodgeDeclaration {
  const reforms = options.reforms ?? [];
  return {
    type: 'LodgeDeclaration',
    data: {
      declarationId: 'DEC-1',
      tenantId: 'tenant-a',
      declaration,
      mode: 'manual',
      procedure: reforms.includes('two-step-declaration') ? 'two-step' : 'full',
      advance: reforms.includes('advance-declaration'),
      reforms,
      plan: options.plan ?? planFor(declaration, reforms, options.reformParameters),
      duties: { dueMinor: 1_234_500, securedMinor: 1_500_000, currency: 'CNY' },
      ...options,
    },
  };
}

/** A declaration lodged at `atMinutes` and the events so far. */
export class Story {
  readonly events: DeclarationEvent[] = [];
  state: DeclarationState;

  constructor(lodge: LodgeDeclaration, atMinutes = 0) {
    this.events = decide({ kind: 'none', version: 0 }, lodge, atMinutes);
    this.state = foldEvents(this.events);
  }

  get lodged(): LodgedDeclaration {
    if (this.state.kind === 'none') throw new Error('not lodged');
    return this.state;
  }

  /** When `command` at `atMinutes`: the new events (also folded into the story). */
  when(command: DeclarationCommand, atMinutes: number): DeclarationEvent[] {
    const events = decide(this.state, command, atMinutes);
    this.events.push(...events);
    this.state = events.reduce(evolve, this.state);
    return events;
  }

  step(id: string) {
    const step = this.lodged.steps.find((s) => s.stepId === id);
    if (!step) throw new Error(`no step ${id}`);
    return step;
  }
}

export function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

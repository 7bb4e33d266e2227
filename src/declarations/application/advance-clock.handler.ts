import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { DomainError } from '../../common/domain/domain-error';
import { SqlDatabase } from '../../database/sql-database';
import { dueCommands } from '../domain/automatic-officer';
import { decide, evolve } from '../domain/declaration.decider';
import type { DeclarationEvent } from '../domain/declaration.events';
import type { DeclarationState } from '../domain/declaration.state';
import { DeclarationsReadModel } from '../persistence/declarations.read-model';
import { AdvanceClockCommand } from './advance-clock.command';
import { DeclarationStreams } from './declaration-streams';

/** One simulated year: the furthest `run-until idle` goes. */
const MAX_ADVANCE_MINUTES = 365 * 24 * 60;

export interface ClockAdvanced {
  fromMinutes: number;
  toMinutes: number;
  /** Declarations the automatic officers moved, and the events they recorded. */
  declarations: number;
  events: number;
}

@CommandHandler(AdvanceClockCommand)
export class AdvanceClockHandler implements ICommandHandler<AdvanceClockCommand, ClockAdvanced> {
  constructor(
    private readonly db: SqlDatabase,
    private readonly tenants: TenantsRepository,
    private readonly readModel: DeclarationsReadModel,
    private readonly streams: DeclarationStreams,
  ) {}

  async execute({ caller, to }: AdvanceClockCommand): Promise<ClockAdvanced> {
    const tenant = (await this.tenants.findById(caller.tenantId))!;
    const from = tenant.clockMinutes;
    const ids = await this.readModel.movedByTheClock(caller.tenantId);
    const loaded = await Promise.all(ids.map((id) => this.streams.load(caller.tenantId, id)));
    const target = to === 'idle' ? this.idleTime(loaded.map((l) => l.state), tenant.seed, from) : 'minutes' in to ? to.minutes : from + to.hours * 60;
    if (target < from) {
      throw new DomainError('CLOCK.BACKWARDS', `The clock is at ${from} min; it cannot go back to ${target}`, 'validation', [{ path: 'minutes', message: `must be ${from} or later` }]);
    }

    let declarations = 0;
    let count = 0;
    for (const { state, lodgedPosition } of loaded) {
      const events = this.automaticOfficers(state, target, tenant.seed);
      if (events.length === 0) continue;
      const metadata = { tenantId: caller.tenantId, actor: 'auto-officer', correlationId: `clock:${from}-${target}`, causationId: caller.keyId };
      try {
        await this.streams.append(state.declarationId, state, lodgedPosition, events, metadata);
      } catch (error) {
        // An officer acted on it meanwhile: it is picked up again at the next advance.
        if (error instanceof DomainError && error.kind === 'conflict') continue;
        throw error;
      }
      declarations++;
      count += events.length;
    }
    await this.db.transaction((tx) => this.tenants.setClock(tx, caller.tenantId, target, from));
    return { fromMinutes: from, toMinutes: target, declarations, events: count };
  }

  /**
   * The events of what falls due by `until`, applied in order: the automatic officers' commands (auto
   * mode), and a two-step completion going overdue (any mode: the deadline is the system's, not an
   * officer's). Stops at the first command a person's action made illegal.
   */
  private automaticOfficers(state: DeclarationState & { kind: 'lodged' }, until: number, seed: number): DeclarationEvent[] {
    const events: DeclarationEvent[] = [];
    let current: DeclarationState = state;
    const due = dueCommands(state, until, seed);
    const two = state.twoStep;
    if (state.mode === 'manual' && two && two.completedMinutes === null && two.overdueMinutes === null && two.dueMinutes <= until) {
      due.push({ atMinutes: Math.max(two.dueMinutes, state.lastEventMinutes), command: { type: 'MarkTwoStepOverdue', data: {} } });
    }
    for (const { atMinutes, command } of due) {
      let decided: DeclarationEvent[];
      try {
        decided = decide(current, command, atMinutes);
      } catch (error) {
        if (error instanceof DomainError) break;
        throw error;
      }
      for (const event of decided) current = evolve(current, event);
      events.push(...decided);
    }
    return events;
  }

  /** When the automatic officers will have nothing left to do: the last due command of every declaration. */
  private idleTime(states: DeclarationState[], seed: number, from: number): number {
    const last = states.map((state) => dueCommands(state, Infinity, seed).at(-1)?.atMinutes ?? from);
    return Math.min(Math.max(from, ...last), from + MAX_ADVANCE_MINUTES);
  }
}

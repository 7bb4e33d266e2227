import type { Caller } from '../../auth/caller';

/**
 * Moves the tenant's simulated clock forward; the automatic officers do, in order, every step of every
 * auto-mode declaration that falls due meanwhile. `toMinutes` absolute, or `'idle'`: until no auto-mode
 * declaration has work left (capped at one simulated year ahead).
 */
export class AdvanceClockCommand {
  constructor(
    readonly caller: Caller,
    readonly to: { minutes: number } | { hours: number } | 'idle',
  ) {}
}

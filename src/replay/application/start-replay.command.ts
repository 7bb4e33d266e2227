import type { Caller } from '../../auth/caller';
import type { ReplayRequest } from './replay-scenarios';

/** Queue a replay of a scenario under its options: POST /api/replays. */
export class StartReplayCommand {
  constructor(
    readonly caller: Caller,
    readonly request: ReplayRequest,
    readonly idempotencyKey: string | undefined,
  ) {}
}

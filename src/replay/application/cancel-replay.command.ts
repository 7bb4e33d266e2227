import type { Caller } from '../../auth/caller';

/** Stop a queued or running replay: POST /api/replays/{id}/cancel. */
export class CancelReplayCommand {
  constructor(
    readonly caller: Caller,
    readonly id: string,
  ) {}
}

import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { ReplayJobsRepository } from '../persistence/replay-jobs.repository';
import { CancelReplayCommand } from './cancel-replay.command';
import type { ReplayJob } from './replay-job';
import { replayAlreadyFinished, replayNotFound } from './replay-job.errors';
import { ReplayJobRunner } from './replay-job-runner';

/** Cancelling a cancelled job changes nothing and answers it again, so a retried cancel is safe. */
@CommandHandler(CancelReplayCommand)
export class CancelReplayHandler implements ICommandHandler<CancelReplayCommand, ReplayJob> {
  constructor(
    private readonly jobs: ReplayJobsRepository,
    private readonly runner: ReplayJobRunner,
  ) {}

  async execute({ caller, id }: CancelReplayCommand): Promise<ReplayJob> {
    const cancelled = await this.jobs.cancel(caller.tenantId, id, new Date().toISOString());
    if (cancelled) {
      this.runner.cancelled(id);
      return cancelled;
    }
    const job = await this.jobs.get(caller.tenantId, id);
    if (!job) throw replayNotFound(id);
    if (job.status !== 'cancelled') throw replayAlreadyFinished(job);
    return job;
  }
}

import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { type CommandResponse, IdempotencyService } from '../../common/idempotency/idempotency';
import { ReplayJobsRepository } from '../persistence/replay-jobs.repository';
import { type AcceptedReplay, type ReplayJob, acceptedReplay } from './replay-job';
import { ReplayJobRunner } from './replay-job-runner';
import { ReplayScenarios } from './replay-scenarios';
import { StartReplayCommand } from './start-replay.command';

@CommandHandler(StartReplayCommand)
export class StartReplayHandler implements ICommandHandler<StartReplayCommand, CommandResponse<AcceptedReplay>> {
  constructor(
    private readonly scenarios: ReplayScenarios,
    private readonly jobs: ReplayJobsRepository,
    private readonly idempotency: IdempotencyService,
    private readonly runner: ReplayJobRunner,
  ) {}

  async execute({ caller, request, idempotencyKey }: StartReplayCommand): Promise<CommandResponse<AcceptedReplay>> {
    const response = await this.idempotency.once<AcceptedReplay>({ tenantId: caller.tenantId, key: idempotencyKey, fingerprint: { route: 'POST /api/replays', body: request } }, async (remember) => {
      const scenario = await this.scenarios.resolve(request);
      const job: ReplayJob = {
        id: randomUUID(),
        tenantId: caller.tenantId,
        status: 'queued',
        scenario: { name: scenario.name, title: scenario.title },
        options: scenario.options,
        replications: scenario.replications,
        seed: scenario.seed,
        progress: { done: 0, total: scenario.options.length * scenario.replications },
        createdAt: new Date().toISOString(),
        startedAt: null,
        finishedAt: null,
        error: null,
      };
      const accepted = { status: 202, body: acceptedReplay(job) };
      await this.jobs.insert(job, scenario, remember(accepted));
      return accepted;
    });
    this.runner.wake();
    return response;
  }
}

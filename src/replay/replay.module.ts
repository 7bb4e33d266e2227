import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReferenceModule } from '../reference/reference.module';
import { CancelReplayHandler } from './application/cancel-replay.handler';
import { ReplayJobRunner } from './application/replay-job-runner';
import { ReplayScenarios } from './application/replay-scenarios';
import { StartReplayHandler } from './application/start-replay.handler';
import { ReplaysController } from './http/replays.controller';
import { ReplayJobsRepository } from './persistence/replay-jobs.repository';

/** Replays over REST: jobs persisted in `replays`, run one at a time by the runner on worker threads. */
@Module({
  imports: [CqrsModule, ReferenceModule],
  controllers: [ReplaysController],
  providers: [ReplayJobsRepository, ReplayScenarios, ReplayJobRunner, StartReplayHandler, CancelReplayHandler],
})
export class ReplayModule {}

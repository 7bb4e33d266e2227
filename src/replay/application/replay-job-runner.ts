// Runs the queued replay jobs, oldest first, one at a time in this process. The replications run on
// worker threads (at least one, leaving a core to the API), so the request thread only merges their
// figures and keeps answering. The queue is the `replays` table: a job acknowledged by POST is there,
// and jobs a stopped process left queued or running are taken up again at the next start.

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { DomainError } from '../../common/domain/domain-error';
import { INTERNAL_PROBLEM, problemFromDomainError } from '../../common/http/problem-details';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import { renderReport } from '../../reports/domain/render-report';
import { type ClaimedReplay, ReplayJobsRepository } from '../persistence/replay-jobs.repository';
import { ReplayCancelled, runReplay } from './replay-runner';

const now = () => new Date().toISOString();

@Injectable()
export class ReplayJobRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ReplayJobRunner');
  private loop: Promise<void> | null = null;
  private stopping = false;
  /** Set when a job may be waiting; cleared before each look at the queue, so no wake-up is lost. */
  private woken = false;
  private resume: (() => void) | null = null;
  private current: { id: string; controller: AbortController } | null = null;

  constructor(
    private readonly jobs: ReplayJobsRepository,
    private readonly ref: ReferenceIndex,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const requeued = await this.jobs.requeueRunning();
    if (requeued > 0) this.logger.log(`${requeued} replay(s) left running by a previous process queued again`);
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.stop();
  }

  /** Starts taking jobs from the queue (at bootstrap; again after stop()). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.woken = true;
    this.loop = this.takeJobs();
  }

  /** Stops taking jobs; the one running is stopped and queued again, to start over at the next start. */
  async stop(): Promise<void> {
    if (!this.loop) return;
    this.stopping = true;
    this.current?.controller.abort();
    this.wake();
    await this.loop;
    this.loop = null;
  }

  /** A job was queued. */
  wake(): void {
    this.woken = true;
    this.resume?.();
  }

  /** The job was cancelled: stop it if it runs here. */
  cancelled(id: string): void {
    if (this.current?.id === id) this.current.controller.abort();
  }

  private async takeJobs(): Promise<void> {
    while (!this.stopping) {
      if (!this.woken) await new Promise<void>((resolve) => (this.resume = resolve));
      this.resume = null;
      this.woken = false;
      try {
        let job: ClaimedReplay | null;
        while (!this.stopping && (job = await this.jobs.claimNext(now()))) await this.run(job);
      } catch (error) {
        // The database refused (a full disk, say): the jobs stay queued until the next wake-up or start.
        this.logger.error(`replay queue: ${(error as Error).message}`, (error as Error).stack);
      }
    }
  }

  private async run(job: ClaimedReplay): Promise<void> {
    const controller = new AbortController();
    // Claimed while stop() was waiting for the claim: it goes back to the queue at once.
    if (this.stopping) controller.abort();
    this.current = { id: job.id, controller };
    const progress = this.progressWriter(job.id, controller);
    try {
      const total = job.scenario.options.length * job.scenario.replications;
      const workers = Math.min(total, Math.max(1, availableParallelism() - 1));
      const report = await runReplay(job.scenario, this.ref, { workers, signal: controller.signal, onProgress: (p) => progress.update(p.done) });
      await progress.settled();
      await this.jobs.succeed(job.id, renderReport(report, 'json'), now());
    } catch (error) {
      await progress.settled();
      if (error instanceof ReplayCancelled) {
        // Cancelled by a request: the row already says so. Stopped by shutdown: it starts over next time.
        if (this.stopping) await this.jobs.requeue(job.id);
      } else if (error instanceof DomainError) {
        await this.jobs.fail(job.id, problemFromDomainError(error), now());
      } else {
        this.logger.error(`replay ${job.id}: ${(error as Error).message}`, (error as Error).stack);
        await this.jobs.fail(job.id, { ...INTERNAL_PROBLEM, message: 'The replay stopped on an unexpected error on our side; it has been logged' }, now());
      }
    } finally {
      this.current = null;
    }
  }

  /**
   * Progress to the row, one write at a time: updates that arrive while a write is in flight are
   * folded into the next one. A write that finds the job no longer running (cancelled by another
   * process, or in the instant before this one started it) stops the replay.
   */
  private progressWriter(id: string, controller: AbortController) {
    let latest = 0;
    let written = 0;
    let writing: Promise<void> | null = null;
    const flush = async () => {
      try {
        while (written < latest && !controller.signal.aborted) {
          const done = latest;
          if (!(await this.jobs.progress(id, done))) controller.abort();
          written = done;
        }
      } catch (error) {
        this.logger.warn(`replay ${id}: progress not written: ${(error as Error).message}`);
      } finally {
        writing = null;
      }
    };
    return {
      update(done: number) {
        latest = done;
        writing ??= flush();
      },
      settled: () => writing ?? Promise.resolve(),
    };
  }
}

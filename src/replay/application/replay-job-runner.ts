// Runs the queued replay jobs, oldest first, one at a time in this process. The replications run on
// worker threads (at least one, leaving a core to the API), so the request thread only merges their
// figures and keeps answering. The queue is the `replays` table: a job acknowledged by POST is there.
// A job is claimed under a lease this runner renews while it runs it; a process that stops gracefully
// puts its job back in the queue, and the job of one that died is claimed again once its lease has run
// out (at most LEASE_MS), by this process after a restart or by another sharing the database.

import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { DomainError } from '../../common/domain/domain-error';
import { INTERNAL_PROBLEM, problemFromDomainError } from '../../common/http/problem-details';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import { renderReport } from '../../reports/domain/render-report';
import { type ClaimedReplay, ReplayJobsRepository } from '../persistence/replay-jobs.repository';
import { ReplayCancelled, runReplay } from './replay-runner';

const now = () => new Date().toISOString();

/** How long a claim holds a job without being renewed; renewed three times as often. */
export const LEASE_MS = 30_000;
const leaseFromNow = () => new Date(Date.now() + LEASE_MS).toISOString();

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

  onApplicationBootstrap(): void {
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
      // Woken by a new job, or after a lease's length: a job whose process died may be claimable by then.
      if (!this.woken) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          this.resume = resolve;
          timer = setTimeout(resolve, LEASE_MS).unref();
        });
        clearTimeout(timer);
      }
      this.resume = null;
      this.woken = false;
      try {
        let job: ClaimedReplay | null;
        while (!this.stopping && (job = await this.jobs.claimNext(now(), randomUUID(), leaseFromNow()))) await this.run(job);
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
    const progress = this.progressWriter(job, controller);
    const lease = this.leaseKeeper(job, controller);
    try {
      const total = job.scenario.options.length * job.scenario.replications;
      const workers = Math.min(total, Math.max(1, availableParallelism() - 1));
      const report = await runReplay(job.scenario, this.ref, { workers, signal: controller.signal, onProgress: (p) => progress.update(p.done) });
      await progress.settled();
      await this.jobs.succeed(job, renderReport(report, 'json'), now());
    } catch (error) {
      await progress.settled();
      if (error instanceof ReplayCancelled) {
        // Cancelled by a request, or claimed again elsewhere: the row says so. Stopped by shutdown: it starts over.
        if (this.stopping) await this.jobs.requeue(job);
      } else if (error instanceof DomainError) {
        await this.jobs.fail(job, problemFromDomainError(error), now());
      } else {
        this.logger.error(`replay ${job.id}: ${(error as Error).message}`, (error as Error).stack);
        await this.jobs.fail(job, { ...INTERNAL_PROBLEM, message: 'The replay stopped on an unexpected error on our side; it has been logged' }, now());
      }
    } finally {
      await lease.stop();
      this.current = null;
    }
  }

  /**
   * Progress to the row, one write at a time: updates that arrive while a write is in flight are
   * folded into the next one. A write that finds the job no longer running (cancelled by another
   * process, or in the instant before this one started it) stops the replay.
   */
  private progressWriter(job: ClaimedReplay, controller: AbortController) {
    let latest = 0;
    let written = 0;
    let writing: Promise<void> | null = null;
    const flush = async () => {
      try {
        while (written < latest && !controller.signal.aborted) {
          const done = latest;
          if (!(await this.jobs.progress(job, done))) controller.abort();
          written = done;
        }
      } catch (error) {
        this.logger.warn(`replay ${job.id}: progress not written: ${(error as Error).message}`);
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

  /** Renews the job's lease while it runs; a renewal that finds the job no longer this claim's stops the replay. */
  private leaseKeeper(job: ClaimedReplay, controller: AbortController) {
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = this.jobs.renew(job, leaseFromNow()).then(
        (held) => {
          if (!held) controller.abort();
        },
        (error: unknown) => this.logger.warn(`replay ${job.id}: lease not renewed: ${(error as Error).message}`),
      );
    }, LEASE_MS / 3).unref();
    return {
      async stop() {
        clearInterval(timer);
        await renewing;
      },
    };
  }
}

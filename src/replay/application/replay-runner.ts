// Runs a scenario's replications under each option, in parallel on worker threads, and merges them
// into the report in a fixed order (option, then replication), so the report does not depend on which
// thread finished first. Small replays run in this thread: starting a worker costs more than they do.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DomainError, type DomainErrorKind, type FieldProblem } from '../../common/domain/domain-error';
import { Planner } from '../../planning/domain/planner';
import { REFORMS } from '../../planning/domain/reforms/reform-catalogue';
import type { ReferenceData } from '../../reference/domain/reference-data';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import type { Report } from '../../reports/domain/report';
import type { Scenario } from '../../scenarios/domain/scenario';
import type { ReplicationFigures } from '../domain/replication-figures';
import { runReplication } from '../domain/replication';
import { buildReport } from '../domain/replay-report';
import type { ReplicationJob, WorkerReply } from './replication.worker';

export interface ReplayProgress {
  /** Replications finished (over all options). */
  done: number;
  total: number;
}

export interface ReplayOptions {
  /** Worker threads; 0 runs every replication in this thread. Default: the cores, when the replay is big enough to pay for them. */
  workers?: number;
  onProgress?: (progress: ReplayProgress) => void;
  /** Stops the replay between replications (the job is cancelled). */
  signal?: AbortSignal;
}

/** Expected declarations per replication and option below which threads are not worth starting. */
const WORKER_THRESHOLD = 20_000;

export function expectedDeclarations(scenario: Scenario): number {
  return scenario.recorded.length + scenario.arrivals.reduce((sum, s) => sum + s.ratePerHour * scenario.horizonHours, 0);
}

export class ReplayCancelled extends Error {
  constructor() {
    super('The replay was cancelled');
    this.name = 'ReplayCancelled';
  }
}

/** Replays `scenario` under its options (each one, every replication) and builds the report. */
export async function runReplay(scenario: Scenario, ref: ReferenceIndex, options: ReplayOptions = {}): Promise<Report> {
  const jobs: ReplicationJob[] = scenario.options.flatMap((option) => Array.from({ length: scenario.replications }, (_, replication) => ({ option, replication })));
  const workers = options.workers ?? (expectedDeclarations(scenario) * jobs.length >= WORKER_THRESHOLD * 2 ? Math.min(availableParallelism(), jobs.length) : 0);
  const results = workers > 0 ? await inWorkers(scenario, ref, jobs, workers, options) : inThisThread(scenario, ref, jobs, options);
  const byOption = new Map(scenario.options.map((option) => [option, results.filter((r) => r.option === option).sort((a, b) => a.replication - b.replication)]));
  return buildReport(scenario, scenario.options, ref, byOption);
}

function inThisThread(scenario: Scenario, ref: ReferenceIndex, jobs: ReplicationJob[], { onProgress, signal }: ReplayOptions): ReplicationFigures[] {
  const planner = new Planner(ref, REFORMS);
  return jobs.map((job, i) => {
    if (signal?.aborted) throw new ReplayCancelled();
    const figures = runReplication({ scenario, ref, planner, ...job });
    onProgress?.({ done: i + 1, total: jobs.length });
    return figures;
  });
}

function workerScript(): { file: string; execArgv: string[] } {
  // Built: the compiled worker. Under ts-node or ts-jest (tests, benchmarks): the source, through ts-node.
  if (__filename.endsWith('.js')) return { file: `${__dirname}/replication.worker.js`, execArgv: [] };
  return { file: `${__dirname}/replication.worker.ts`, execArgv: ['-r', 'ts-node/register/transpile-only'] };
}

function inWorkers(scenario: Scenario, ref: ReferenceIndex, jobs: ReplicationJob[], count: number, { onProgress, signal }: ReplayOptions): Promise<ReplicationFigures[]> {
  const { file, execArgv } = workerScript();
  const results: ReplicationFigures[] = [];
  let next = 0;
  let done = 0;
  const threads: Worker[] = [];
  return new Promise<ReplicationFigures[]>((resolve, reject) => {
    let settled = false;
    const stop = (error: Error | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const thread of threads) void thread.terminate();
      if (error) reject(error);
      else resolve(results);
    };
    const onAbort = () => stop(new ReplayCancelled());
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) return stop(new ReplayCancelled());
    const feed = (thread: Worker) => {
      if (next < jobs.length) thread.postMessage(jobs[next++]);
    };
    for (let i = 0; i < count; i++) {
      const data: { scenario: Scenario; reference: ReferenceData } = { scenario, reference: ref.data };
      const thread = new Worker(file, { workerData: data, execArgv });
      threads.push(thread);
      thread.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return stop(replyError(reply.error));
        results.push(reply.figures);
        done++;
        onProgress?.({ done, total: jobs.length });
        if (done === jobs.length) stop(null);
        else feed(thread);
      });
      thread.on('error', (error) => stop(error));
      thread.on('exit', (code) => {
        if (code !== 0) stop(new Error(`a replay worker stopped with exit code ${code}`));
      });
      feed(thread);
    }
  });
}

/** A worker's error as the caller would have got it in this thread (a DomainError keeps its code and fields). */
function replyError(error: Extract<WorkerReply, { error: unknown }>['error']): Error {
  if (error.code && error.kind) return new DomainError(error.code, error.message, error.kind as DomainErrorKind, (error.errors ?? []) as FieldProblem[]);
  return new Error(error.message);
}

// A replay worker thread: gets the scenario and the reference data once, then runs the replications
// it is sent, one at a time, and answers each with its figures (or the error that stopped it).

import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../common/domain/domain-error';
import { Planner } from '../../planning/domain/planner';
import { REFORMS } from '../../planning/domain/reforms/reform-catalogue';
import type { ReferenceData } from '../../reference/domain/reference-data';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import type { Scenario } from '../../scenarios/domain/scenario';
import type { ReplicationFigures } from '../domain/replication-figures';
import { runReplication } from '../domain/replication';

export interface ReplicationJob {
  option: string;
  replication: number;
}

export type WorkerReply = { figures: ReplicationFigures } | { error: { message: string; code?: string; kind?: string; errors?: unknown } };

if (parentPort) {
  const port = parentPort;
  const { scenario, reference } = workerData as { scenario: Scenario; reference: ReferenceData };
  const ref = new ReferenceIndex(reference);
  const planner = new Planner(ref, REFORMS);
  port.on('message', (job: ReplicationJob) => {
    try {
      port.postMessage({ figures: runReplication({ scenario, ref, planner, ...job }) } satisfies WorkerReply);
    } catch (error) {
      const e = error as Error;
      const reply: WorkerReply =
        error instanceof DomainError
          ? { error: { message: e.message, code: error.code, kind: error.kind, errors: error.errors } }
          : { error: { message: e.stack ?? e.message } };
      port.postMessage(reply);
    }
  });
}

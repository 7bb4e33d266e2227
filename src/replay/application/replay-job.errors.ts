import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import type { ReplayJob } from './replay-job';

export function replayNotFound(id?: string): DomainError {
  return new DomainError('REPLAY.NOT_FOUND', id ? `No replay ${id} in this tenant` : 'No such replay in this tenant', 'not-found', [{ path: 'id', message: 'no such replay' }]);
}

export function replayAlreadyFinished(job: ReplayJob): DomainError {
  return new DomainError('REPLAY.ALREADY_FINISHED', `The replay has already ${job.status}; there is nothing left to cancel`, 'conflict', [{ path: 'id', message: `replay ${job.status}` }], {
    status: job.status,
  });
}

export function reportUnavailable(job: ReplayJob): DomainError {
  const why =
    job.status === 'failed'
      ? `the replay failed (${job.error?.code ?? 'unknown error'}); see details.error`
      : job.status === 'cancelled'
        ? 'the replay was cancelled'
        : `the replay is ${job.status} (${job.progress.done} of ${job.progress.total} replications done); ask again once its status is succeeded`;
  return new DomainError('REPLAY.REPORT_UNAVAILABLE', `No report: ${why}`, 'conflict', [{ path: 'id', message: `replay ${job.status}` }], {
    status: job.status,
    progress: job.progress,
    error: job.error,
  });
}

export function unknownScenario(name: string, bundled: string[]): DomainError {
  return new DomainError('REPLAY.UNKNOWN_SCENARIO', `No bundled scenario '${name}'; the bundled scenarios are ${bundled.join(', ') || '(none)'}`, 'rule', [
    { path: 'scenario', message: `unknown scenario '${name}'` },
  ]);
}

export function unknownOptions(problems: FieldProblem[]): DomainError {
  return new DomainError('REPLAY.UNKNOWN_OPTION', `The request names options that do not exist: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, 'rule', problems);
}

/** What the reference data says against an inline scenario whose shape is right (unknown codes, options, sites...). */
export function inlineScenarioInvalid(problems: FieldProblem[]): DomainError {
  const [first] = problems;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return new DomainError('REPLAY.SCENARIO_INVALID', `The inline scenario cannot be replayed: ${first.path}: ${first.message}${more}`, 'rule', problems);
}

// The declaration's typed errors. An illegal command is a 'conflict' (HTTP 409) whose details carry
// the current status and the commands allowed now, and whose message says what is allowed; a bad
// field is 'validation' (400); an amendment that would change what the plan was made from is 'rule'
// (422). Business outcomes (red channel, failed inspection, rejection) are events, never errors.

import { DomainError, type FieldProblem } from '../../common/domain/domain-error';
import type { DeclarationCommandType } from './declaration.commands';
import type { DeclarationStatus } from './declaration.state';

export const DeclarationErrorCode = {
  /** The command does not fit where the declaration stands (its steps, hold, closure). */
  ILLEGAL_COMMAND: 'DECLARATION.ILLEGAL_COMMAND',
  NOT_LODGED: 'DECLARATION.NOT_LODGED',
  ALREADY_LODGED: 'DECLARATION.ALREADY_LODGED',
  ALREADY_RELEASED: 'DECLARATION.ALREADY_RELEASED',
  CLOSED: 'DECLARATION.CLOSED',
  ON_HOLD: 'DECLARATION.ON_HOLD',
  STEP_NOT_READY: 'DECLARATION.STEP_NOT_READY',
  WRONG_COMMAND_FOR_STEP: 'DECLARATION.WRONG_COMMAND_FOR_STEP',
  STEP_NOT_OPTIONAL: 'DECLARATION.STEP_NOT_OPTIONAL',
  NOT_OVERDUE: 'DECLARATION.TWO_STEP_NOT_OVERDUE',
  CLOCK_BEHIND: 'DECLARATION.CLOCK_BEHIND',
  UNKNOWN_STEP: 'DECLARATION.UNKNOWN_STEP',
  STEP_AMBIGUOUS: 'DECLARATION.STEP_AMBIGUOUS',
  BAD_FIELD: 'DECLARATION.BAD_FIELD',
  BAD_PLAN: 'DECLARATION.BAD_PLAN',
  PROCEDURE_MISMATCH: 'DECLARATION.PROCEDURE_MISMATCH',
  AMENDMENT_NOT_ALLOWED: 'DECLARATION.AMENDMENT_NOT_ALLOWED',
} as const;

export type DeclarationErrorCode = (typeof DeclarationErrorCode)[keyof typeof DeclarationErrorCode];

export interface IllegalCommandDetails {
  [key: string]: unknown;
  command: DeclarationCommandType;
  status: DeclarationStatus | 'none';
  allowedCommands: DeclarationCommandType[];
  /** The steps that may be worked on now, with the command for each. */
  readySteps: Array<{ stepId: string; commands: DeclarationCommandType[] }>;
}

/** 409: `reason` says why the command is refused; the message adds what is allowed now, and on which steps. */
export function illegalCommand(code: DeclarationErrorCode, reason: string, details: IllegalCommandDetails): DomainError {
  const withSteps = details.allowedCommands.map((command) => {
    const steps = details.readySteps.filter((r) => r.commands.includes(command)).map((r) => r.stepId);
    return steps.length ? `${command} (${steps.join(', ')})` : command;
  });
  const allowed = withSteps.length ? `Allowed now: ${withSteps.join(', ')}.` : 'No command is allowed now.';
  return new DomainError(code, `${reason}. ${allowed}`, 'conflict', [], details);
}

export function badField(path: string, message: string, code: DeclarationErrorCode = DeclarationErrorCode.BAD_FIELD): DomainError {
  return new DomainError(code, `${path}: ${message}`, 'validation', [{ path, message }]);
}

export function ruleBroken(code: DeclarationErrorCode, message: string, errors: FieldProblem[], details: Record<string, unknown> = {}): DomainError {
  return new DomainError(code, message, 'rule', errors, details);
}

// The actions on a declaration, as REST paths: which command each is, who may take it, and its body.
// POST /api/declarations/{id}/{action}; GET .../actions lists the ones allowed now.

import type { ClassConstructor } from 'class-transformer';
import type { Role } from '../../auth/api-key';
import type { DeclarationCommand, DeclarationCommandType } from '../domain/declaration.commands';
import {
  AmendDto,
  AssignChannelDto,
  CheckResultDto,
  CompleteStepDto,
  LodgeGuaranteeDto,
  PayDutiesDto,
  ReasonDto,
  RequiredReasonDto,
  SkipStepDto,
  StartTransitDto,
  StepOnlyDto,
  StepWorkDto,
  TakeSampleDto,
} from './declaration-actions.dto';

const OFFICER: Role[] = ['officer', 'admin'];
const TRADER: Role[] = ['trader', 'admin'];

export interface ActionDefinition {
  command: Exclude<DeclarationCommandType, 'LodgeDeclaration' | 'MarkTwoStepOverdue'>;
  roles: Role[];
  body: ClassConstructor<object>;
  summary: string;
}

export const ACTIONS: Record<string, ActionDefinition> = {
  'record-arrival': { command: 'RecordArrival', roles: OFFICER, body: StepWorkDto, summary: 'Record the arrival of the goods (manifest arrival report).' },
  'assign-channel': { command: 'AssignRiskChannel', roles: OFFICER, body: AssignChannelDto, summary: 'Assign the risk channel (green, yellow, red), or let the rules draw it.' },
  'documentary-check': { command: 'RecordDocumentaryCheck', roles: OFFICER, body: CheckResultDto, summary: 'Record the result of a documentary check.' },
  'order-inspection': { command: 'OrderInspection', roles: OFFICER, body: StepOnlyDto, summary: 'Order a physical inspection.' },
  'inspection-result': { command: 'RecordInspectionResult', roles: OFFICER, body: CheckResultDto, summary: 'Record the result of an inspection.' },
  'take-sample': { command: 'TakeSample', roles: OFFICER, body: TakeSampleDto, summary: 'Take a sample for the laboratory.' },
  'lab-result': { command: 'RecordLabResult', roles: OFFICER, body: CheckResultDto, summary: 'Record the laboratory result.' },
  'pay-duties': { command: 'PayDuties', roles: TRADER, body: PayDutiesDto, summary: 'Pay the assessed duties and VAT.' },
  'lodge-guarantee': { command: 'LodgeGuarantee', roles: TRADER, body: LodgeGuaranteeDto, summary: 'Secure the duties by a guarantee.' },
  release: { command: 'ReleaseGoods', roles: OFFICER, body: StepWorkDto, summary: 'Release the goods.' },
  exit: { command: 'RecordExit', roles: OFFICER, body: StepWorkDto, summary: "Record the gate-out from the port's control area." },
  'start-transit': { command: 'StartTransit', roles: OFFICER, body: StartTransitDto, summary: 'Seal the load and start the transit.' },
  'end-transit': { command: 'EndTransit', roles: OFFICER, body: StepWorkDto, summary: 'End the transit at the exit or destination office.' },
  complete: { command: 'CompleteTwoStepDeclaration', roles: TRADER, body: PayDutiesDto, summary: 'Lodge the complete declaration of a two-step declaration and pay.' },
  'complete-step': { command: 'CompleteStep', roles: [...OFFICER, 'trader'], body: CompleteStepDto, summary: 'Complete any other plan step (transshipment, haul, filing, ...).' },
  'skip-step': { command: 'SkipStep', roles: OFFICER, body: SkipStepDto, summary: 'Skip an optional step that this declaration does not need.' },
  amend: { command: 'AmendDeclaration', roles: TRADER, body: AmendDto, summary: 'Amend the declaration before release.' },
  cancel: { command: 'CancelDeclaration', roles: TRADER, body: ReasonDto, summary: 'Cancel the declaration before release.' },
  reject: { command: 'RejectDeclaration', roles: OFFICER, body: RequiredReasonDto, summary: 'Reject the declaration.' },
};

const ACTION_BY_COMMAND = new Map(Object.entries(ACTIONS).map(([action, def]) => [def.command as string, action]));

/** The REST action that issues `command`, e.g. RecordLabResult -> lab-result. */
export function actionFor(command: string): string | undefined {
  return ACTION_BY_COMMAND.get(command);
}

/** The domain command for an action and its validated body (`extra` supplies what the application decides: a drawn channel, re-assessed duties). */
export function toCommand(definition: ActionDefinition, body: Record<string, unknown>, extra: Record<string, unknown> = {}): DeclarationCommand {
  const { note, ...rest } = body as { note?: string } & Record<string, unknown>;
  const data: Record<string, unknown> = { ...rest, ...extra };
  if (note !== undefined) {
    const field = definition.command === 'RecordDocumentaryCheck' ? 'remarks' : definition.command === 'RecordLabResult' ? 'report' : 'findings';
    data[field] = note;
  }
  return { type: definition.command, data } as DeclarationCommand;
}

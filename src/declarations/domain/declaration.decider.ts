// The declaration's lifecycle as two pure functions (emmett style): `decide(state, command, now)`
// returns the events a command causes or throws a typed error; `evolve(state, event)` folds one event.
// A declaration walks the steps of its own plan: a command is legal only on a step that is ready
// (every predecessor done, or skipped and settled), so a green-channel declaration never waits for a
// lab and a "port + unloading place" one is released before its lab result.

import { DomainError } from '../../common/domain/domain-error';
import { CHANNELS, type ClearancePlan, assertWellFormed } from '../../planning/domain/plan';
import type {
  AmendDeclaration,
  DeclarationAmendment,
  DeclarationCommand,
  DeclarationCommandType,
  LodgeDeclaration,
  StepWork,
} from './declaration.commands';
import { LODGEMENT_MODES, PROCEDURES } from './declaration.commands';
import { DeclarationErrorCode as Code, type IllegalCommandDetails, badField, illegalCommand, ruleBroken } from './declaration.errors';
import type { DeclarationEvent, DeclarationLodged, StepDone } from './declaration.events';
import {
  type DeclarationState,
  type LodgedDeclaration,
  type StepOutcome,
  type StepRole,
  type StepState,
  type StepStatus,
  deriveStatus,
  initialState,
  isSettled,
  stepRoles,
} from './declaration.state';

export { initialState };

const MINUTES_PER_DAY = 24 * 60;
/** Both steps of a two-step declaration within 14 days of the conveyance's entry [S73][S109]. */
export const DEFAULT_TWO_STEP_COMPLETION_DAYS = 14;
const TWO_STEP_REFORM = 'two-step-declaration';

/** The command that works on a step of each role when it is ready. */
const COMMANDS_BY_ROLE: Record<StepRole, DeclarationCommandType[]> = {
  arrival: ['RecordArrival'],
  'risk-decision': ['AssignRiskChannel'],
  'documentary-check': ['RecordDocumentaryCheck'],
  inspection: ['OrderInspection'],
  sampling: ['TakeSample'],
  lab: ['RecordLabResult'],
  // Duties are paid, or secured by a guarantee or bond (rules.md §0 step 6, ChkSurety).
  payment: ['PayDuties', 'LodgeGuarantee'],
  guarantee: ['LodgeGuarantee'],
  release: ['ReleaseGoods'],
  exit: ['RecordExit'],
  'transit-start': ['StartTransit'],
  'transit-end': ['EndTransit'],
  completion: ['CompleteTwoStepDeclaration'],
  other: ['CompleteStep'],
};

export interface AllowedAction {
  command: DeclarationCommandType;
  /** The step the command works on, or null for commands on the whole declaration. */
  stepId: string | null;
}

/** Every command allowed now, with its step; `nowMinutes` is needed only to offer MarkTwoStepOverdue. */
export function allowedActions(state: DeclarationState, nowMinutes?: number): AllowedAction[] {
  if (state.kind === 'none') return [{ command: 'LodgeDeclaration', stepId: null }];
  if (state.closure) return [];
  const actions: AllowedAction[] = [];
  if (!state.hold) {
    state.steps.forEach((step, i) => {
      if (step.status === 'in-progress') actions.push({ command: 'RecordInspectionResult', stepId: step.stepId });
      if (step.status !== 'ready') return;
      for (const command of COMMANDS_BY_ROLE[step.role]) actions.push({ command, stepId: step.stepId });
      if (state.plan.steps[i].probability < 1) actions.push({ command: 'SkipStep', stepId: step.stepId });
    });
  }
  const two = state.twoStep;
  if (two && two.completedMinutes === null && two.overdueMinutes === null && nowMinutes !== undefined && nowMinutes >= two.dueMinutes) {
    actions.push({ command: 'MarkTwoStepOverdue', stepId: null });
  }
  const released = isReleased(state);
  if (!released) actions.push({ command: 'AmendDeclaration', stepId: null }, { command: 'CancelDeclaration', stepId: null });
  if (!released || state.hold) actions.push({ command: 'RejectDeclaration', stepId: null });
  return actions;
}

/** The names of the commands allowed now, each once (what a 409 lists). */
export function allowedCommands(state: DeclarationState, nowMinutes?: number): DeclarationCommandType[] {
  return [...new Set(allowedActions(state, nowMinutes).map((a) => a.command))];
}

export function decide(state: DeclarationState, command: DeclarationCommand, nowMinutes: number): DeclarationEvent[] {
  if (!Number.isFinite(nowMinutes)) throw badField('nowMinutes', 'must be a finite number of simulated minutes');
  if (command.type === 'LodgeDeclaration') return lodge(state, command, nowMinutes);
  if (state.kind === 'none') throw illegal(state, command.type, nowMinutes, Code.NOT_LODGED, 'The declaration has not been lodged');
  const d = new Decision(state, command.type, nowMinutes);
  if (nowMinutes < state.lastEventMinutes) {
    throw d.illegal(Code.CLOCK_BEHIND, `The declaration's last event is at minute ${fmt(state.lastEventMinutes)}; a command at minute ${fmt(nowMinutes)} would run time backwards`);
  }
  if (state.closure) {
    throw d.illegal(Code.CLOSED, `Declaration ${state.declarationId} was ${state.closure.kind} at minute ${fmt(state.closure.atMinutes)} (${state.closure.reason})`);
  }

  switch (command.type) {
    case 'RecordArrival':
      return [{ type: 'ArrivalRecorded', data: d.work(command.data, ['arrival']) }];
    case 'AssignRiskChannel': {
      const { channel } = command.data;
      if (!CHANNELS.includes(channel)) throw badField('channel', `must be one of ${CHANNELS.join(', ')}`);
      const assignedBy = command.data.assignedBy ?? 'officer';
      if (assignedBy !== 'officer' && assignedBy !== 'rules') throw badField('assignedBy', 'must be officer or rules');
      const done = d.work(command.data, ['risk-decision']);
      // The channel settles every channel-conditioned step in the same decision (rules.md §6.12).
      const skipped: DeclarationEvent[] = state.plan.steps
        .filter((s, i) => s.channels !== null && !s.channels.includes(channel) && (state.steps[i].status === 'pending' || state.steps[i].status === 'ready'))
        .map((s) => ({
          type: 'StepSkipped',
          data: { stepId: s.id, cause: 'channel', reason: `${channel} channel: ${s.title.toLowerCase()} is for the ${s.channels!.join(' or ')} channel`, atMinutes: nowMinutes },
        }));
      return [{ type: 'RiskChannelAssigned', data: { ...done, channel, assignedBy } }, ...skipped];
    }
    case 'RecordDocumentaryCheck':
      requireBoolean(command.data.passed, 'passed');
      return [{ type: 'DocumentaryCheckCompleted', data: { ...d.work(command.data, ['documentary-check']), passed: command.data.passed, remarks: command.data.remarks ?? null } }];
    case 'OrderInspection': {
      const step = d.target(command.data.stepId, ['inspection'], ['ready']);
      return [{ type: 'InspectionOrdered', data: { stepId: step.stepId, atMinutes: nowMinutes } }];
    }
    case 'RecordInspectionResult': {
      requireBoolean(command.data.passed, 'passed');
      const step = d.target(command.data.stepId, ['inspection'], ['in-progress']);
      return [
        {
          type: 'InspectionCompleted',
          data: { stepId: step.stepId, startedAtMinutes: step.startMinutes!, atMinutes: nowMinutes, passed: command.data.passed, findings: command.data.findings ?? null },
        },
      ];
    }
    case 'TakeSample':
      return [{ type: 'SampleTaken', data: { ...d.work(command.data, ['sampling']), sampleId: command.data.sampleId ?? null } }];
    case 'RecordLabResult':
      requireBoolean(command.data.passed, 'passed');
      return [{ type: 'LabResultRecorded', data: { ...d.work(command.data, ['lab']), passed: command.data.passed, report: command.data.report ?? null } }];
    case 'PayDuties': {
      const paidMinor = amount(command.data.paidMinor, 'paidMinor') ?? state.duties?.dueMinor ?? 0;
      return [{ type: 'DutiesPaid', data: { ...d.work(command.data, ['payment']), paidMinor, currency: 'CNY' } }];
    }
    case 'LodgeGuarantee': {
      const securedMinor = amount(command.data.securedMinor, 'securedMinor') ?? state.duties?.securedMinor ?? 0;
      const done = d.work(command.data, ['guarantee', 'payment']);
      return [{ type: 'GuaranteeLodged', data: { ...done, guaranteeReference: command.data.guaranteeReference ?? null, securedMinor, currency: 'CNY' } }];
    }
    case 'ReleaseGoods':
      return [{ type: 'GoodsReleased', data: d.work(command.data, ['release']) }];
    case 'RecordExit':
      return [{ type: 'GoodsExited', data: d.work(command.data, ['exit']) }];
    case 'StartTransit':
      return [{ type: 'TransitStarted', data: { ...d.work(command.data, ['transit-start']), sealNumbers: command.data.sealNumbers ?? [] } }];
    case 'EndTransit':
      return [{ type: 'TransitEnded', data: d.work(command.data, ['transit-end']) }];
    case 'CompleteTwoStepDeclaration': {
      const done = d.work(command.data, ['completion']);
      const dueMinutes = state.twoStep!.dueMinutes;
      const paidMinor = amount(command.data.paidMinor, 'paidMinor') ?? state.duties?.dueMinor ?? 0;
      return [{ type: 'TwoStepDeclarationCompleted', data: { ...done, paidMinor, currency: 'CNY', dueMinutes, late: nowMinutes > dueMinutes } }];
    }
    case 'CompleteStep':
      requireStepId(command.data.stepId);
      return [{ type: 'StepCompleted', data: d.work(command.data, ['other']) }];
    case 'SkipStep': {
      requireStepId(command.data.stepId);
      const reason = requireText(command.data.reason, 'reason');
      const step = d.target(command.data.stepId, ALL_ROLES, ['ready']);
      const planStep = state.plan.steps.find((s) => s.id === step.stepId)!;
      if (planStep.probability >= 1) {
        throw d.illegal(Code.STEP_NOT_OPTIONAL, `Step '${step.stepId}' (${planStep.title}) always runs (probability 1: ${planStep.condition}); only optional steps can be skipped`);
      }
      return [{ type: 'StepSkipped', data: { stepId: step.stepId, cause: 'officer', reason, atMinutes: nowMinutes } }];
    }
    case 'AmendDeclaration':
      d.requireNotReleased('amended');
      checkAmendment(state, command.data.amendment);
      return [{ type: 'DeclarationAmended', data: { amendment: command.data.amendment, reason: command.data.reason ?? null, duties: command.data.duties ?? null, atMinutes: nowMinutes } }];
    case 'CancelDeclaration': {
      const reason = command.data.reason === undefined ? 'withdrawn by the declarant' : requireText(command.data.reason, 'reason');
      d.requireNotReleased('cancelled');
      return [{ type: 'DeclarationCancelled', data: { reason, atMinutes: nowMinutes } }];
    }
    case 'RejectDeclaration': {
      const reason = requireText(command.data.reason, 'reason');
      // Released goods can still be rejected while on hold (a failed lab result after release).
      if (!state.hold) d.requireNotReleased('rejected');
      return [{ type: 'DeclarationRejected', data: { reason, atMinutes: nowMinutes } }];
    }
    case 'MarkTwoStepOverdue': {
      const two = state.twoStep;
      if (!two) throw d.illegal(Code.ILLEGAL_COMMAND, `Declaration ${state.declarationId} is a full declaration, not a two-step one`);
      if (two.completedMinutes !== null) {
        throw d.illegal(Code.ILLEGAL_COMMAND, `The complete declaration was made at minute ${fmt(two.completedMinutes)}; nothing is overdue`);
      }
      // Marked once: a sweep that finds it again changes nothing.
      if (two.overdueMinutes !== null) return [];
      if (nowMinutes < two.dueMinutes) {
        throw d.illegal(Code.NOT_OVERDUE, `The complete declaration is due by minute ${fmt(two.dueMinutes)} (${two.completionDays} days after arrival); it is not overdue at minute ${fmt(nowMinutes)}`);
      }
      return [{ type: 'TwoStepCompletionOverdue', data: { dueMinutes: two.dueMinutes, atMinutes: nowMinutes } }];
    }
  }
}

const ALL_ROLES = Object.keys(COMMANDS_BY_ROLE) as StepRole[];

/** One command being decided on a lodged declaration: finds its step and refuses it with what is allowed. */
class Decision {
  constructor(
    private readonly state: LodgedDeclaration,
    private readonly command: DeclarationCommandType,
    private readonly now: number,
  ) {}

  illegal(code: Code, reason: string): DomainError {
    return illegal(this.state, this.command, this.now, code, reason);
  }

  requireNotReleased(what: string): void {
    const release = this.state.steps.find((s) => s.stepId === this.state.plan.releaseStep)!;
    if (release.status === 'done') {
      throw this.illegal(Code.ALREADY_RELEASED, `Declaration ${this.state.declarationId} was released at minute ${fmt(release.finishMinutes!)} and can no longer be ${what}`);
    }
  }

  /** The ready step the command works on, and the event fields for completing it now. */
  work(data: StepWork, roles: StepRole[]): StepDone {
    const step = this.target(data.stepId, roles, ['ready']);
    const ready = step.readyMinutes!;
    let started = data.startedAtMinutes ?? ready;
    // Clock zero plus an offset may miss the readiness minute by a rounding error.
    if (started < ready && ready - started < 1e-6) started = ready;
    if (!Number.isFinite(started) || started < ready || started > this.now) {
      throw badField('startedAtMinutes', `must be between minute ${fmt(ready)}, when '${step.stepId}' became ready, and now (minute ${fmt(this.now)})`);
    }
    return { stepId: step.stepId, startedAtMinutes: started, atMinutes: this.now };
  }

  target(stepId: string | undefined, roles: StepRole[], statuses: StepStatus[]): StepState {
    const { state } = this;
    if (state.hold) {
      throw this.illegal(Code.ON_HOLD, `Declaration ${state.declarationId} is on hold since '${state.hold.stepId}' failed (${state.hold.reason}); an officer may reject it`);
    }
    const wanted = statuses.join(' or ');
    if (stepId !== undefined) {
      const step = state.steps.find((s) => s.stepId === stepId);
      if (!step) throw badField('stepId', `the plan has no step '${stepId}'; its steps are ${state.steps.map((s) => s.stepId).join(', ')}`, Code.UNKNOWN_STEP);
      if (!roles.includes(step.role)) {
        throw this.illegal(Code.WRONG_COMMAND_FOR_STEP, `Step '${stepId}' is ${roleWords(step.role)} step, done with ${COMMANDS_BY_ROLE[step.role].join(' or ')}, not ${this.command}`);
      }
      if (!statuses.includes(step.status)) throw this.illegal(Code.STEP_NOT_READY, `Step '${stepId}' is ${this.whereStands(step)}, not ${wanted}`);
      return step;
    }
    const candidates = state.steps.filter((s) => roles.includes(s.role) && statuses.includes(s.status));
    if (candidates.length === 1) return candidates[0];
    if (candidates.length > 1) {
      throw badField('stepId', `${candidates.length} steps can take ${this.command} now (${candidates.map((s) => s.stepId).join(', ')}); name one`, Code.STEP_AMBIGUOUS);
    }
    const others = state.steps.filter((s) => roles.includes(s.role));
    const kinds = roles.map((r) => ROLE_NAMES[r]).join(' or ');
    const why = others.length ? `no ${kinds} step is ${wanted}: ${others.map((s) => `'${s.stepId}' is ${this.whereStands(s)}`).join('; ')}` : `its plan has no ${kinds} step`;
    throw this.illegal(Code.STEP_NOT_READY, `${this.command} is not possible for declaration ${state.declarationId}: ${why}`);
  }

  private whereStands(step: StepState): string {
    if (step.status !== 'pending') return step.status;
    const i = this.state.steps.indexOf(step);
    const planStep = this.state.plan.steps[i];
    const waiting = planStep.after.filter((id) => !isSettled(this.state.steps.find((s) => s.stepId === id)!));
    if (waiting.length) return `pending, waiting for ${waiting.join(', ')}`;
    return 'pending, waiting for the risk channel';
  }
}

function illegal(state: DeclarationState, command: DeclarationCommandType, now: number, code: Code, reason: string): DomainError {
  const actions = allowedActions(state, now);
  const readySteps: IllegalCommandDetails['readySteps'] = [];
  for (const a of actions) {
    if (a.stepId === null) continue;
    const entry = readySteps.find((r) => r.stepId === a.stepId);
    if (entry) entry.commands.push(a.command);
    else readySteps.push({ stepId: a.stepId, commands: [a.command] });
  }
  return illegalCommand(code, reason, { command, status: state.kind === 'none' ? 'none' : state.status, allowedCommands: allowedCommands(state, now), readySteps });
}

function lodge(state: DeclarationState, command: LodgeDeclaration, now: number): DeclarationEvent[] {
  if (state.kind !== 'none') throw illegal(state, command.type, now, Code.ALREADY_LODGED, `Declaration ${state.declarationId} is already lodged`);
  const c = command.data;
  requireText(c.declarationId, 'declarationId');
  requireText(c.tenantId, 'tenantId');
  if (!LODGEMENT_MODES.includes(c.mode)) throw badField('mode', `must be one of ${LODGEMENT_MODES.join(', ')}`);
  if (!PROCEDURES.includes(c.procedure)) throw badField('procedure', `must be one of ${PROCEDURES.join(', ')}`);
  requireBoolean(c.advance, 'advance');
  if (!c.declaration || typeof c.declaration !== 'object') throw badField('declaration', 'is required');
  if (!Array.isArray(c.reforms) || c.reforms.some((r) => typeof r !== 'string')) throw badField('reforms', 'must be a list of reform ids');
  checkPlan(c.plan);

  const roles = stepRoles(c.plan);
  if (c.plan.steps.some((s) => s.channels !== null) && !roles.includes('risk-decision')) {
    throw badField('plan', 'has channel-conditioned steps but no risk-decision step to assign the channel', Code.BAD_PLAN);
  }
  const twoStepPlan = roles.includes('completion');
  if ((c.procedure === 'two-step') !== twoStepPlan) {
    const message =
      c.procedure === 'two-step'
        ? `a two-step declaration walks a plan made with the '${TWO_STEP_REFORM}' reform (summary now, complete declaration later); this plan has no complete-declaration step`
        : `this plan is a two-step plan (it has a complete-declaration step); lodge it with procedure 'two-step'`;
    throw ruleBroken(Code.PROCEDURE_MISMATCH, `The procedure does not match the plan: ${message}`, [{ path: 'procedure', message }]);
  }
  const days = c.procedure === 'two-step' ? (c.reformParameters?.[TWO_STEP_REFORM]?.completionDays ?? completionDaysOf(c.plan)) : null;
  // Steps that may start before the goods arrive (advance declaration, TIR-EPD) cannot start before
  // lodgement, so the plan's clock zero (arrival) lies that far after it.
  const leadMinutes = Math.max(0, ...c.plan.steps.map((s) => -s.earliestStartMinutes));
  const lodged: DeclarationLodged = {
    type: 'DeclarationLodged',
    data: {
      declarationId: c.declarationId,
      tenantId: c.tenantId,
      declaration: c.declaration,
      head: c.head ?? {},
      mode: c.mode,
      procedure: c.procedure,
      advance: c.advance,
      plan: c.plan,
      reforms: c.reforms,
      reformParameters: c.reformParameters ?? {},
      option: c.option ?? null,
      duties: c.duties ?? null,
      clockZeroMinutes: now + leadMinutes,
      twoStepCompletionDays: days,
      atMinutes: now,
    },
  };
  return [lodged];
}

/**
 * The two-step deadline the plan was made with, when the reform parameter is not given: the reform
 * starts the complete declaration so that its longest run ends on the deadline.
 */
function completionDaysOf(plan: ClearancePlan): number {
  const step = plan.steps.find((s) => s.id === 'complete-declaration');
  if (!step) return DEFAULT_TWO_STEP_COMPLETION_DAYS;
  const d = step.duration;
  const longest =
    d.kind === 'constant' ? d.minutes : d.kind === 'uniform' || d.kind === 'triangular' ? d.max : d.kind === 'empirical' ? Math.max(...d.values) : 3 * d.mean;
  const minutes = step.earliestStartMinutes + longest;
  return minutes > 0 ? Math.round((minutes / MINUTES_PER_DAY) * 1e6) / 1e6 : DEFAULT_TWO_STEP_COMPLETION_DAYS;
}

function checkPlan(plan: ClearancePlan): void {
  if (!plan || !Array.isArray(plan.steps)) throw badField('plan', 'is required: the plan the application computed for the declaration', Code.BAD_PLAN);
  try {
    assertWellFormed(plan);
  } catch (error) {
    throw badField('plan', (error as Error).message, Code.BAD_PLAN);
  }
}

/** Fields an amendment may not touch, and why: they decide the plan the declaration is walking. */
const FIXED_FIELDS: Record<string, string> = {
  flow: 'the flow (import, export, transit) decides the whole plan',
  port: 'the port decides where every step happens and its plan',
  transportMode: 'the transport mode decides the plan (gauge transshipment, haul, waiting costs)',
  supervisionMode: 'the supervision mode decides the plan and the taxation',
  trader: "the trader's credit class decides the channel rates",
  inlandSite: 'the inland site decides where the goods are hauled and checked',
  exitPort: 'the exit port decides the transit route',
  tirCarnet: 'whether a TIR carnet covers the goods decides the transit procedure',
  flags: 'the goods flags decide which checks the plan has',
  qualityCertificateRequested: 'a quality certificate request decides whether a lab test is due',
  certificateOfOrigin: 'a certificate of origin is a step of the plan',
  disposition: 'the disposition of repaired goods decides the taxation',
  borderResidents: 'the residents sharing a mutual-trade lot decide its duty-free allowance',
};
const GOODS_FIXED: Record<string, string> = {
  hsCode: 'the HS code decides the commodity risk and the checks in the plan',
  unNumber: 'a UN number makes the goods dangerous goods, which decides the checks in the plan',
};
const AMENDABLE = new Set(['goods', 'conveyances', 'head']);
const GOODS_AMENDABLE = new Set(['line', 'description', 'quantity', 'unit', 'customsValueMinor', 'currency', 'repairFeeMinor']);
const WHY_FIXED = 'cancel the declaration and lodge a new one with a new plan';

function checkAmendment(state: LodgedDeclaration, amendment: DeclarationAmendment): void {
  if (!amendment || typeof amendment !== 'object') throw badField('amendment', 'is required: what to change (goods, conveyances, head)');
  const problems: Array<{ path: string; message: string }> = [];
  for (const key of Object.keys(amendment)) {
    if (AMENDABLE.has(key)) continue;
    problems.push({ path: `amendment.${key}`, message: FIXED_FIELDS[key] ? `${FIXED_FIELDS[key]}; ${WHY_FIXED}` : 'is not a field of the declaration that can be amended' });
  }
  (amendment.goods ?? []).forEach((line, i) => {
    const path = `amendment.goods[${i}]`;
    if (!Number.isInteger(line.line) || line.line < 0 || line.line >= state.declaration.goods.length) {
      problems.push({ path: `${path}.line`, message: `must be the index of a goods line, 0 to ${state.declaration.goods.length - 1}` });
      return;
    }
    for (const key of Object.keys(line)) {
      if (GOODS_AMENDABLE.has(key)) continue;
      problems.push({ path: `${path}.${key}`, message: GOODS_FIXED[key] ? `${GOODS_FIXED[key]}; ${WHY_FIXED}` : 'is not a goods-line field that can be amended' });
    }
    for (const key of ['quantity', 'customsValueMinor', 'repairFeeMinor'] as const) {
      const value = line[key];
      if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) problems.push({ path: `${path}.${key}`, message: 'must be a number, 0 or more' });
    }
    if (line.repairFeeMinor !== undefined && state.declaration.goods[line.line].repairFeeMinor === undefined) {
      problems.push({ path: `${path}.repairFeeMinor`, message: `a repair fee on a line without one makes it a bonded-maintenance line, which decides the plan; ${WHY_FIXED}` });
    }
  });
  if (amendment.conveyances !== undefined && (!Number.isInteger(amendment.conveyances) || amendment.conveyances < 1)) {
    problems.push({ path: 'amendment.conveyances', message: 'must be a whole number, 1 or more' });
  }
  if (problems.length) {
    throw ruleBroken(Code.AMENDMENT_NOT_ALLOWED, `The amendment cannot be made: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, problems);
  }
}

function requireBoolean(value: unknown, path: string): void {
  if (typeof value !== 'boolean') throw badField(path, 'must be true or false');
}

function requireText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw badField(path, 'is required');
  return value;
}

function requireStepId(value: unknown): void {
  requireText(value, 'stepId');
}

function amount(value: number | undefined, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 0) throw badField(path, 'must be a whole number of minor units (fen), 0 or more');
  return value;
}

const ROLE_NAMES: Record<StepRole, string> = {
  arrival: 'arrival',
  'risk-decision': 'risk-decision',
  'documentary-check': 'documentary-check',
  inspection: 'inspection',
  sampling: 'sampling',
  lab: 'lab',
  payment: 'duty-payment',
  guarantee: 'guarantee',
  release: 'release',
  exit: 'exit',
  'transit-start': 'transit-start',
  'transit-end': 'transit-end',
  completion: 'two-step completion',
  other: 'generic',
};

function roleWords(role: StepRole): string {
  const name = ROLE_NAMES[role];
  return `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
}

function isReleased(state: LodgedDeclaration): boolean {
  return state.steps.find((s) => s.stepId === state.plan.releaseStep)?.status === 'done';
}

function fmt(minutes: number): string {
  return String(Math.round(minutes * 100) / 100);
}

// ---------------------------------------------------------------------------------------------
// evolve

export function evolve(state: DeclarationState, event: DeclarationEvent): DeclarationState {
  if (event.type === 'DeclarationLodged') return lodgedState(event.data);
  if (state.kind === 'none') throw new Error(`${event.type} before DeclarationLodged: the stream is corrupt`);
  const at = event.data.atMinutes;
  let next: LodgedDeclaration = { ...state, version: state.version + 1, lastEventMinutes: Math.max(state.lastEventMinutes, at) };
  const complete = (data: StepDone, outcome: StepOutcome, note: string | null = null) => {
    next = { ...next, steps: next.steps.map((s) => (s.stepId === data.stepId ? { ...s, status: 'done', startMinutes: data.startedAtMinutes, finishMinutes: data.atMinutes, outcome, note } : s)) };
  };
  const check = (data: StepDone, passed: boolean, note: string | null) => {
    complete(data, passed ? 'passed' : 'failed', note);
    if (!passed && !next.hold) next = { ...next, hold: { stepId: data.stepId, reason: note ?? `'${data.stepId}' failed`, atMinutes: data.atMinutes } };
  };

  switch (event.type) {
    case 'ArrivalRecorded':
      complete(event.data, 'done');
      if (next.twoStep && event.data.stepId === 'arrival') {
        next = { ...next, twoStep: { ...next.twoStep, dueMinutes: event.data.startedAtMinutes + next.twoStep.completionDays * MINUTES_PER_DAY } };
      }
      break;
    case 'RiskChannelAssigned':
      complete(event.data, event.data.channel);
      next = { ...next, channel: event.data.channel };
      break;
    case 'StepSkipped': {
      const { stepId, reason } = event.data;
      next = { ...next, steps: next.steps.map((s) => (s.stepId === stepId ? { ...s, status: 'skipped', outcome: 'skipped', note: reason, skippedAtMinutes: at } : s)) };
      break;
    }
    case 'DocumentaryCheckCompleted':
      check(event.data, event.data.passed, event.data.remarks);
      break;
    case 'InspectionOrdered':
      next = { ...next, steps: next.steps.map((s) => (s.stepId === event.data.stepId ? { ...s, status: 'in-progress', startMinutes: at } : s)) };
      break;
    case 'InspectionCompleted':
      check(event.data, event.data.passed, event.data.findings);
      break;
    case 'LabResultRecorded':
      check(event.data, event.data.passed, event.data.report);
      break;
    case 'SampleTaken':
      complete(event.data, 'done', event.data.sampleId);
      break;
    case 'DutiesPaid':
      complete(event.data, 'paid');
      next = { ...next, paidMinor: next.paidMinor + event.data.paidMinor };
      break;
    case 'GuaranteeLodged':
      complete(event.data, 'secured', event.data.guaranteeReference);
      next = { ...next, securedMinor: next.securedMinor + event.data.securedMinor };
      break;
    case 'GoodsReleased':
    case 'GoodsExited':
    case 'TransitEnded':
    case 'StepCompleted':
      complete(event.data, 'done');
      break;
    case 'TransitStarted':
      complete(event.data, 'done', event.data.sealNumbers.length ? `seals ${event.data.sealNumbers.join(', ')}` : null);
      break;
    case 'TwoStepDeclarationCompleted':
      complete(event.data, 'done', event.data.late ? 'completed after the deadline' : null);
      next = { ...next, paidMinor: next.paidMinor + event.data.paidMinor, twoStep: next.twoStep && { ...next.twoStep, completedMinutes: at } };
      break;
    case 'TwoStepCompletionOverdue':
      next = { ...next, twoStep: next.twoStep && { ...next.twoStep, overdueMinutes: at } };
      break;
    case 'DeclarationAmended':
      next = {
        ...next,
        declaration: amend(next.declaration, event.data.amendment),
        head: { ...next.head, ...(event.data.amendment.head ?? {}) },
        duties: event.data.duties ?? next.duties,
        amendments: next.amendments + 1,
      };
      break;
    case 'DeclarationCancelled':
      next = { ...next, closure: { kind: 'cancelled', reason: event.data.reason, atMinutes: at } };
      break;
    case 'DeclarationRejected':
      next = { ...next, closure: { kind: 'rejected', reason: event.data.reason, atMinutes: at } };
      break;
  }
  next = { ...next, steps: settle(next, at) };
  return { ...next, status: deriveStatus(next) };
}

function lodgedState(data: DeclarationLodged['data']): LodgedDeclaration {
  const roles = stepRoles(data.plan);
  const base: Omit<LodgedDeclaration, 'status'> = {
    kind: 'lodged',
    declarationId: data.declarationId,
    tenantId: data.tenantId,
    declaration: data.declaration,
    head: data.head,
    mode: data.mode,
    procedure: data.procedure,
    advance: data.advance,
    plan: data.plan,
    reforms: data.reforms,
    reformParameters: data.reformParameters,
    option: data.option,
    duties: data.duties,
    lodgedMinutes: data.atMinutes,
    clockZeroMinutes: data.clockZeroMinutes,
    steps: data.plan.steps.map((s, i) => ({
      stepId: s.id,
      role: roles[i],
      status: 'pending',
      readyMinutes: null,
      startMinutes: null,
      finishMinutes: null,
      skippedAtMinutes: null,
      outcome: null,
      note: null,
    })),
    channel: null,
    hold: null,
    closure: null,
    twoStep:
      data.twoStepCompletionDays === null
        ? null
        : { completionDays: data.twoStepCompletionDays, dueMinutes: data.atMinutes + data.twoStepCompletionDays * MINUTES_PER_DAY, completedMinutes: null, overdueMinutes: null },
    paidMinor: 0,
    securedMinor: 0,
    amendments: 0,
    lastEventMinutes: data.atMinutes,
    version: 1,
  };
  const settled = { ...base, steps: settle(base, data.atMinutes) };
  return { ...settled, status: deriveStatus(settled) };
}

/**
 * One pass in plan order (predecessors come first): a skipped step settles once its predecessors
 * have, finishing with them (or when it was skipped, if later); a pending step becomes ready once
 * its predecessors have settled and, if it depends on the channel, the channel is known.
 */
function settle(state: Omit<LodgedDeclaration, 'status'>, atMinutes: number): StepState[] {
  const byId = new Map<string, StepState>();
  return state.steps.map((step, i) => {
    const planStep = state.plan.steps[i];
    const preds = planStep.after.map((id) => byId.get(id)!);
    const predsSettled = preds.every(isSettled);
    const predsFinish = preds.length ? Math.max(...preds.map((p) => p.finishMinutes ?? -Infinity)) : null;
    let next = step;
    if (step.status === 'skipped' && step.finishMinutes === null && predsSettled) {
      const finish = Math.max(predsFinish ?? -Infinity, step.skippedAtMinutes ?? atMinutes);
      next = { ...step, readyMinutes: step.readyMinutes ?? predsFinish ?? state.lodgedMinutes, startMinutes: finish, finishMinutes: finish };
    } else if (step.status === 'pending' && predsSettled && (planStep.channels === null || state.channel !== null)) {
      next = { ...step, status: 'ready', readyMinutes: predsFinish ?? state.lodgedMinutes };
    }
    byId.set(next.stepId, next);
    return next;
  });
}

/** The declaration with an amendment applied (the application re-assesses duties on it). */
export function amend(declaration: LodgedDeclaration['declaration'], amendment: AmendDeclaration['data']['amendment']): LodgedDeclaration['declaration'] {
  const goods = declaration.goods.map((line, i) => {
    const patches = (amendment.goods ?? []).filter((g) => g.line === i);
    return patches.reduce((acc, { line: _line, ...patch }) => ({ ...acc, ...patch }), line);
  });
  return { ...declaration, goods, ...(amendment.conveyances !== undefined ? { conveyances: amendment.conveyances } : {}) };
}

/** Folds a stream of events from the initial state. */
export function foldEvents(events: DeclarationEvent[], from: DeclarationState = initialState): DeclarationState {
  return events.reduce(evolve, from);
}

/** Ensures the state is a lodged declaration (for handlers that have already found the stream). */
export function asLodged(state: DeclarationState): LodgedDeclaration {
  if (state.kind === 'none') throw new DomainError(Code.NOT_LODGED, 'The declaration has not been lodged', 'not-found');
  return state;
}


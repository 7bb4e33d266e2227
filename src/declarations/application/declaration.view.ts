// What users see of a declaration: its status, where each plan step stands, and the time spent in
// each TRS interval so far (calibration.md §0.1), made from the folded state. The read model stores it;
// GET /api/declarations/{id} returns it.

import type { TrsInterval } from '../../reference/domain/reference-data';
import type { LodgedDeclaration, StepState } from '../domain/declaration.state';

export interface DeclarationStepView {
  id: string;
  title: string;
  interval: TrsInterval;
  actor: string;
  location: string;
  site: string | null;
  status: StepState['status'];
  outcome: StepState['outcome'];
  startMinutes: number | null;
  finishMinutes: number | null;
  note: string | null;
}

export interface DeclarationView {
  id: string;
  status: LodgedDeclaration['status'];
  flow: string;
  port: string;
  supervisionMode: string;
  procedure: LodgedDeclaration['procedure'];
  mode: LodgedDeclaration['mode'];
  advance: boolean;
  channel: LodgedDeclaration['channel'];
  option: string | null;
  reforms: string[];
  lodgedMinutes: number;
  /** Simulated time of the plan's clock zero (arrival, or the advance lead before it). */
  clockZeroMinutes: number;
  releasedMinutes: number | null;
  exitedMinutes: number | null;
  /** Minutes each TRS interval has taken so far (steps done, finish minus start). */
  intervalMinutes: Partial<Record<TrsInterval, number>>;
  hold: LodgedDeclaration['hold'];
  closure: LodgedDeclaration['closure'];
  twoStep: LodgedDeclaration['twoStep'];
  duties: LodgedDeclaration['duties'];
  paidMinor: number;
  securedMinor: number;
  steps: DeclarationStepView[];
  declaration: LodgedDeclaration['declaration'];
  head: LodgedDeclaration['head'];
  version: number;
}

export function declarationView(state: LodgedDeclaration): DeclarationView {
  const planSteps = new Map(state.plan.steps.map((s) => [s.id, s]));
  const finished = (id: string) => {
    const step = state.steps.find((s) => s.stepId === id);
    return step?.status === 'done' ? step.finishMinutes : null;
  };
  const intervalMinutes: Partial<Record<TrsInterval, number>> = {};
  const steps = state.steps.map((s): DeclarationStepView => {
    const plan = planSteps.get(s.stepId)!;
    if (s.status === 'done' && s.startMinutes !== null && s.finishMinutes !== null) {
      intervalMinutes[plan.interval] = (intervalMinutes[plan.interval] ?? 0) + (s.finishMinutes - s.startMinutes);
    }
    return {
      id: s.stepId,
      title: plan.title,
      interval: plan.interval,
      actor: plan.actor,
      location: plan.location,
      site: plan.site,
      status: s.status,
      outcome: s.outcome,
      startMinutes: s.startMinutes,
      finishMinutes: s.finishMinutes,
      note: s.note,
    };
  });
  return {
    id: state.declarationId,
    status: state.status,
    flow: state.declaration.flow,
    port: state.declaration.port,
    supervisionMode: state.declaration.supervisionMode,
    procedure: state.procedure,
    mode: state.mode,
    advance: state.advance,
    channel: state.channel,
    option: state.option,
    reforms: state.reforms,
    lodgedMinutes: state.lodgedMinutes,
    clockZeroMinutes: state.clockZeroMinutes,
    releasedMinutes: finished(state.plan.releaseStep),
    exitedMinutes: finished(state.plan.exitStep),
    intervalMinutes,
    hold: state.hold,
    closure: state.closure,
    twoStep: state.twoStep,
    duties: state.duties,
    paidMinor: state.paidMinor,
    securedMinor: state.securedMinor,
    steps,
    declaration: state.declaration,
    head: state.head,
    version: state.version,
  };
}

/** True while the declaration may still change (automatic officers look only at these). */
export function isActive(state: LodgedDeclaration): boolean {
  return state.closure === null && state.status !== 'completed';
}

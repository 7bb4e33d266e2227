import { planner } from '../../planning/domain/testing/planning.test-kit';
import { allowedCommands, decide, evolve, foldEvents, initialState } from './declaration.decider';
import type { DeclarationEvent } from './declaration.events';
import { DeclarationErrorCode } from './declaration.errors';
import { FLOWS, Story, failure, lodgeCommand, planFor } from './testing/declaration.test-kit';

const DAY = 24 * 60;
const types = (events: DeclarationEvent[]) => events.map((e) => e.type);

describe('declaration decider', () => {
  describe('lodgement', () => {
    it('given nothing, when a declaration is lodged, then DeclarationLodged keeps the plan snapshot and the declaration waits for the goods', () => {
      const lodge = lodgeCommand(FLOWS.importByRoad());
      const events = decide(initialState, lodge, 100);
      expect(events).toEqual([
        {
          type: 'DeclarationLodged',
          data: expect.objectContaining({
            declarationId: 'DEC-1',
            tenantId: 'tenant-a',
            mode: 'manual',
            procedure: 'full',
            advance: false,
            plan: lodge.data.plan,
            clockZeroMinutes: 100,
            twoStepCompletionDays: null,
            atMinutes: 100,
          }),
        },
      ]);
      const state = foldEvents(events);
      expect(state).toMatchObject({ kind: 'lodged', status: 'lodged', version: 1, channel: null, lodgedMinutes: 100 });
      expect(allowedCommands(state)).toEqual(['RecordArrival', 'AmendDeclaration', 'CancelDeclaration', 'RejectDeclaration']);
    });

    it('given a lodged declaration, when it is lodged again, then it is a conflict', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()));
      const error = failure(() => story.when(lodgeCommand(FLOWS.importByRoad()), 10));
      expect(error).toMatchObject({ code: DeclarationErrorCode.ALREADY_LODGED, kind: 'conflict' });
    });

    it('when the procedure does not match the plan, then it is refused naming the procedure field', () => {
      const twoStepPlan = planFor(FLOWS.importByRoad(), ['two-step-declaration']);
      for (const lodge of [
        lodgeCommand(FLOWS.importByRoad(), { procedure: 'two-step' }),
        lodgeCommand(FLOWS.importByRoad(), { procedure: 'full', plan: twoStepPlan }),
      ]) {
        const error = failure(() => decide(initialState, lodge, 0));
        expect(error).toMatchObject({ code: DeclarationErrorCode.PROCEDURE_MISMATCH, kind: 'rule', errors: [{ path: 'procedure', message: expect.any(String) }] });
      }
    });

    it('when the plan is malformed or a field is missing, then it is a validation error naming the field', () => {
      const plan = planFor(FLOWS.importByRoad());
      const broken = { ...plan, releaseStep: 'nowhere' };
      expect(failure(() => decide(initialState, lodgeCommand(FLOWS.importByRoad(), { plan: broken }), 0))).toMatchObject({ kind: 'validation', errors: [{ path: 'plan' }] });
      expect(failure(() => decide(initialState, lodgeCommand(FLOWS.importByRoad(), { declarationId: '' }), 0))).toMatchObject({ kind: 'validation', errors: [{ path: 'declarationId' }] });
      expect(failure(() => decide(initialState, lodgeCommand(FLOWS.importByRoad(), { mode: 'robot' as 'auto' }), 0))).toMatchObject({ errors: [{ path: 'mode' }] });
    });

    it('given an advance declaration, then clock zero (arrival) lies the plan lead after lodgement', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad(), { reforms: ['advance-declaration'] }), 1000);
      expect(story.lodged.advance).toBe(true);
      expect(story.lodged.clockZeroMinutes).toBe(1000 + 24 * 60);
      // Lodgement, review and the documentary check need no goods: they are ready before arrival.
      expect(story.step('lodge-declaration').status).toBe('ready');
      expect(story.step('arrival').status).toBe('ready');
    });
  });

  describe('import by road, green channel', () => {
    it('walks arrival, lodgement, review, duty payment, release and exit; the checks are skipped with the channel', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      expect(types(story.when({ type: 'RecordArrival', data: {} }, 20))).toEqual(['ArrivalRecorded']);
      expect(story.lodged.status).toBe('arrived');
      expect(story.events[1].data).toEqual({ stepId: 'arrival', startedAtMinutes: 0, atMinutes: 20 });

      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 170);
      expect(story.lodged.status).toBe('under-review');
      expect(allowedCommands(story.state)).toEqual(['AssignRiskChannel', 'AmendDeclaration', 'CancelDeclaration', 'RejectDeclaration']);

      expect(story.when({ type: 'AssignRiskChannel', data: { channel: 'green' } }, 175)).toEqual([
        { type: 'RiskChannelAssigned', data: { stepId: 'electronic-review', startedAtMinutes: 170, atMinutes: 175, channel: 'green', assignedBy: 'officer' } },
        { type: 'StepSkipped', data: { stepId: 'documentary-check', cause: 'channel', reason: expect.stringMatching(/^green channel/), atMinutes: 175 } },
        { type: 'StepSkipped', data: { stepId: 'physical-inspection', cause: 'channel', reason: expect.stringMatching(/^green channel/), atMinutes: 175 } },
      ]);
      expect(story.lodged.channel).toBe('green');
      expect(story.step('documentary-check')).toMatchObject({ status: 'skipped', finishMinutes: 175 });
      expect(story.lodged.status).toBe('awaiting-payment');
      expect(allowedCommands(story.state)).toEqual(['PayDuties', 'LodgeGuarantee', 'AmendDeclaration', 'CancelDeclaration', 'RejectDeclaration']);

      expect(story.when({ type: 'PayDuties', data: {} }, 235)).toEqual([
        { type: 'DutiesPaid', data: { stepId: 'duty-payment', startedAtMinutes: 175, atMinutes: 235, paidMinor: 1_234_500, currency: 'CNY' } },
      ]);
      expect(types(story.when({ type: 'ReleaseGoods', data: {} }, 240))).toEqual(['GoodsReleased']);
      expect(story.lodged.status).toBe('released');
      expect(types(story.when({ type: 'RecordExit', data: {} }, 260))).toEqual(['GoodsExited']);
      // Nothing of the plan is left: the declaration is completed.
      expect(story.lodged.status).toBe('completed');
      expect(allowedCommands(story.state)).toEqual([]);
      expect(story.lodged.version).toBe(story.events.length);
      expect(story.step('release')).toMatchObject({ status: 'done', startMinutes: 235, finishMinutes: 240 });
    });
  });

  describe('copper concentrate by rail, baseline rules, red channel', () => {
    const walkToLab = () => {
      const story = new Story(lodgeCommand(FLOWS.copper()), 0);
      story.when({ type: 'RecordArrival', data: {} }, 15);
      story.when({ type: 'CompleteStep', data: { stepId: 'gauge-transshipment' } }, 375);
      story.when({ type: 'CompleteStep', data: { stepId: 'transfer-declaration' } }, 2175);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'red' } }, 2180);
      expect(story.lodged.status).toBe('documentary-check');
      story.when({ type: 'RecordDocumentaryCheck', data: { passed: true } }, 2270);
      // Physical and radiation inspections are both ready: the officer names the one ordered.
      const ambiguous = failure(() => story.when({ type: 'OrderInspection', data: {} }, 2280));
      expect(ambiguous).toMatchObject({ code: DeclarationErrorCode.STEP_AMBIGUOUS, kind: 'validation', errors: [{ path: 'stepId' }] });
      story.when({ type: 'OrderInspection', data: { stepId: 'physical-inspection' } }, 2280);
      expect(story.lodged.status).toBe('inspection');
      story.when({ type: 'RecordInspectionResult', data: { stepId: 'physical-inspection', passed: true, findings: 'matches the declaration' } }, 2400);
      story.when({ type: 'OrderInspection', data: { stepId: 'radiation-check' } }, 2400);
      story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 2420);
      story.when({ type: 'OrderInspection', data: {} }, 2420);
      story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 2660);
      story.when({ type: 'TakeSample', data: { sampleId: 'S-1' } }, 2780);
      story.when({ type: 'PayDuties', data: { paidMinor: 1_000 } }, 2800);
      return story;
    };

    it('waits for the lab: release is refused while the lab result is out, with what is allowed now', () => {
      const story = walkToLab();
      expect(story.lodged.status).toBe('awaiting-lab');
      const error = failure(() => story.when({ type: 'ReleaseGoods', data: {} }, 2900));
      expect(error.kind).toBe('conflict');
      expect(error.code).toBe(DeclarationErrorCode.STEP_NOT_READY);
      expect(error.details).toMatchObject({
        command: 'ReleaseGoods',
        status: 'awaiting-lab',
        allowedCommands: ['RecordLabResult', 'AmendDeclaration', 'CancelDeclaration', 'RejectDeclaration'],
        readySteps: [{ stepId: 'lab-test', commands: ['RecordLabResult'] }],
      });
      expect(error.message).toMatch(/'release' is pending, waiting for lab-test/);
      expect(error.message).toMatch(/Allowed now: RecordLabResult \(lab-test\), AmendDeclaration, CancelDeclaration, RejectDeclaration\.$/);
    });

    it('releases once the lab result is in, then the certificate and the haul follow', () => {
      const story = walkToLab();
      expect(types(story.when({ type: 'RecordLabResult', data: { passed: true, report: 'Pb, As, Hg below limits' } }, 8560))).toEqual(['LabResultRecorded']);
      story.when({ type: 'ReleaseGoods', data: {} }, 8565);
      story.when({ type: 'RecordExit', data: {} }, 8590);
      expect(story.lodged.status).toBe('exited');
      story.when({ type: 'CompleteStep', data: { stepId: 'conformity-certificate' } }, 8650);
      story.when({ type: 'CompleteStep', data: { stepId: 'haul' } }, 9472);
      expect(story.lodged.status).toBe('completed');
      expect(story.lodged.paidMinor).toBe(1_000);
    });
  });

  describe('fresh grapes exported at Bakhtu under the green channel', () => {
    it('walks origin inspection, arrival, lodgement, review, release and exit with no lab', () => {
      const story = new Story(lodgeCommand(FLOWS.grapesExport(), { reforms: ['green-channel'] }), 0);
      expect(story.lodged.steps.some((s) => s.role === 'lab' || s.role === 'sampling')).toBe(false);
      story.when({ type: 'OrderInspection', data: {} }, 0);
      story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 240);
      story.when({ type: 'RecordArrival', data: {} }, 300);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 350);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'green', assignedBy: 'rules' } }, 355);
      expect(story.lodged.status).toBe('under-review');
      expect(allowedCommands(story.state)[0]).toBe('ReleaseGoods');
      story.when({ type: 'ReleaseGoods', data: {} }, 360);
      story.when({ type: 'RecordExit', data: {} }, 380);
      expect(story.lodged.status).toBe('completed');
      expect(story.step('release').finishMinutes).toBe(360);
    });
  });

  describe('copper concentrate under "port + unloading place"', () => {
    it('is released at the port before its lab result, which follows at the unloading place', () => {
      const story = new Story(lodgeCommand(FLOWS.copper(), { reforms: ['port-plus-unloading-place'] }), 0);
      story.when({ type: 'RecordArrival', data: {} }, 15);
      story.when({ type: 'CompleteStep', data: { stepId: 'gauge-transshipment' } }, 300);
      story.when({ type: 'CompleteStep', data: { stepId: 'transfer-declaration' } }, 2000);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'green' } }, 2005);
      story.when({ type: 'OrderInspection', data: { stepId: 'radiation-check' } }, 2005);
      story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 2025);
      story.when({ type: 'PayDuties', data: {} }, 2060);
      story.when({ type: 'ReleaseGoods', data: {} }, 2065);
      expect(story.lodged.status).toBe('released');
      expect(story.step('lab-test').status).toBe('pending');
      story.when({ type: 'RecordExit', data: {} }, 2085);
      story.when({ type: 'CompleteStep', data: { stepId: 'haul' } }, 2967);
      story.when({ type: 'OrderInspection', data: {} }, 2967);
      story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 3200);
      story.when({ type: 'TakeSample', data: {} }, 3320);
      expect(story.lodged.status).toBe('exited');
      story.when({ type: 'RecordLabResult', data: { passed: true } }, 9000);
      story.when({ type: 'CompleteStep', data: { stepId: 'conformity-certificate' } }, 9060);
      expect(story.lodged.status).toBe('completed');
      expect(story.step('release').finishMinutes).toBeLessThan(story.step('lab-test').finishMinutes!);
    });

    it('given a failed lab result after release, then the lot is held and an officer may reject it', () => {
      const story = new Story(lodgeCommand(FLOWS.copper(), { reforms: ['port-plus-unloading-place'] }), 0);
      for (const [command, at] of [
        [{ type: 'RecordArrival', data: {} }, 15],
        [{ type: 'CompleteStep', data: { stepId: 'gauge-transshipment' } }, 300],
        [{ type: 'CompleteStep', data: { stepId: 'transfer-declaration' } }, 2000],
        [{ type: 'AssignRiskChannel', data: { channel: 'green' } }, 2005],
        [{ type: 'OrderInspection', data: { stepId: 'radiation-check' } }, 2005],
        [{ type: 'RecordInspectionResult', data: { passed: true } }, 2025],
        [{ type: 'PayDuties', data: {} }, 2060],
        [{ type: 'ReleaseGoods', data: {} }, 2065],
        [{ type: 'RecordExit', data: {} }, 2085],
        [{ type: 'CompleteStep', data: { stepId: 'haul' } }, 2967],
        [{ type: 'OrderInspection', data: {} }, 2967],
        [{ type: 'RecordInspectionResult', data: { passed: true } }, 3200],
        [{ type: 'TakeSample', data: {} }, 3320],
        [{ type: 'RecordLabResult', data: { passed: false, report: 'arsenic 0.6 % above the limit' } }, 9000],
      ] as const) {
        story.when(command, at);
      }
      expect(story.lodged.status).toBe('held');
      expect(story.lodged.hold).toEqual({ stepId: 'lab-test', reason: 'arsenic 0.6 % above the limit', atMinutes: 9000 });
      expect(allowedCommands(story.state)).toEqual(['RejectDeclaration']);
      story.when({ type: 'RejectDeclaration', data: { reason: 'harmful elements above limits: to be returned' } }, 9100);
      expect(story.lodged.status).toBe('rejected');
    });
  });

  describe('TIR', () => {
    it('an export from Kashgar CBZ under a TIR carnet: released inland, carnet accepted, sealed, terminated at the exit port', () => {
      const story = new Story(lodgeCommand(FLOWS.tirExport(), { reforms: ['tir'] }), 0);
      // The TIR-EPD is filed two hours before the truck reaches the office.
      expect(story.lodged.clockZeroMinutes).toBe(120);
      story.when({ type: 'CompleteStep', data: { stepId: 'tir-epd' } }, 15);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration', startedAtMinutes: 120 } }, 270);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'green' } }, 275);
      story.when({ type: 'ReleaseGoods', data: {} }, 280);
      story.when({ type: 'CompleteStep', data: { stepId: 'transit-declaration' } }, 283);
      expect(types(story.when({ type: 'StartTransit', data: { sealNumbers: ['CN-KS-0001'] } }, 303))).toEqual(['TransitStarted']);
      story.when({ type: 'CompleteStep', data: { stepId: 'haul' } }, 633);
      story.when({ type: 'RecordArrival', data: {} }, 648);
      expect(types(story.when({ type: 'EndTransit', data: {} }, 653))).toEqual(['TransitEnded']);
      // Sealed TIR loads are not re-examined as a rule: the optional step is skipped.
      expect(types(story.when({ type: 'SkipStep', data: { stepId: 'exit-reinspection', reason: 'seals intact, no irregularity suspected' } }, 653))).toEqual(['StepSkipped']);
      story.when({ type: 'RecordExit', data: {} }, 673);
      expect(story.lodged.status).toBe('completed');
      expect(story.step('exit-gate-out').finishMinutes).toBe(673);
    });

    it('a transit across China from Irkeshtam to Khorgos under a carnet', () => {
      const story = new Story(lodgeCommand(FLOWS.transit(), { reforms: ['tir'] }), 0);
      const roles = Object.fromEntries(story.lodged.steps.map((s) => [s.stepId, s.role]));
      expect(roles).toMatchObject({ 'transit-declaration': 'other', 'customs-seal': 'transit-start', 'transit-termination': 'transit-end', 'exit-gate-out': 'exit', 'gate-out': 'exit' });
      expect(story.lodged.plan.steps.map((s) => s.id)).not.toContain('transit-guarantee');
    });
  });

  describe('bonded maintenance', () => {
    it('an excavator enters Kashgar CBZ for repair on the zone filing, with no guarantee, and is released', () => {
      const story = new Story(lodgeCommand(FLOWS.bondedRepair(), { reforms: ['bonded-maintenance'] }), 0);
      expect(story.lodged.steps.some((s) => s.role === 'guarantee' || s.role === 'payment')).toBe(false);
      story.when({ type: 'RecordArrival', data: {} }, 15);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 60);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'yellow' } }, 65);
      expect(story.step('physical-inspection').status).toBe('skipped');
      story.when({ type: 'RecordDocumentaryCheck', data: { passed: true } }, 155);
      story.when({ type: 'ReleaseGoods', data: {} }, 160);
      story.when({ type: 'RecordExit', data: {} }, 180);
      expect(story.lodged.status).toBe('completed');
    });

    it('without the reform the same import for repair lodges a guarantee for the duties', () => {
      const story = new Story(lodgeCommand(FLOWS.bondedRepair()), 0);
      story.when({ type: 'RecordArrival', data: {} }, 15);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 160);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'green' } }, 165);
      const error = failure(() => story.when({ type: 'PayDuties', data: {} }, 170));
      expect(error.details).toMatchObject({ allowedCommands: expect.arrayContaining(['LodgeGuarantee']) });
      expect(story.when({ type: 'LodgeGuarantee', data: { guaranteeReference: 'BOND-7' } }, 300)).toEqual([
        { type: 'GuaranteeLodged', data: { stepId: 'repair-guarantee', startedAtMinutes: 165, atMinutes: 300, guaranteeReference: 'BOND-7', securedMinor: 1_500_000, currency: 'CNY' } },
      ]);
    });
  });

  describe('two-step declaration', () => {
    const walkToRelease = () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad(), { reforms: ['two-step-declaration'] }), 0);
      expect(story.lodged.twoStep).toEqual({ completionDays: 14, dueMinutes: 14 * DAY, completedMinutes: null, overdueMinutes: null });
      story.when({ type: 'RecordArrival', data: { startedAtMinutes: 60 } }, 75);
      expect(story.lodged.twoStep!.dueMinutes).toBe(60 + 14 * DAY);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 95);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'green' } }, 100);
      story.when({ type: 'LodgeGuarantee', data: { guaranteeReference: 'GF-2026-001' } }, 105);
      story.when({ type: 'ReleaseGoods', data: {} }, 110);
      story.when({ type: 'RecordExit', data: {} }, 130);
      return story;
    };

    it('releases on the summary with duties secured, and is completed later within the 14 days', () => {
      const story = walkToRelease();
      expect(story.lodged.status).toBe('exited');
      expect(story.lodged.securedMinor).toBe(1_500_000);
      expect(story.lodged.paidMinor).toBe(0);
      expect(allowedCommands(story.state)).toEqual(['CompleteTwoStepDeclaration']);
      const events = story.when({ type: 'CompleteTwoStepDeclaration', data: {} }, 10 * DAY);
      expect(events).toEqual([
        {
          type: 'TwoStepDeclarationCompleted',
          data: { stepId: 'complete-declaration', startedAtMinutes: 110, atMinutes: 10 * DAY, paidMinor: 1_234_500, currency: 'CNY', dueMinutes: 60 + 14 * DAY, late: false },
        },
      ]);
      expect(story.lodged.status).toBe('completed');
      expect(failure(() => story.when({ type: 'MarkTwoStepOverdue', data: {} }, 20 * DAY)).kind).toBe('conflict');
    });

    it('marks the completion overdue once the 14 days have passed, once; a late completion is still accepted', () => {
      const story = walkToRelease();
      const early = failure(() => story.when({ type: 'MarkTwoStepOverdue', data: {} }, 13 * DAY));
      expect(early).toMatchObject({ code: DeclarationErrorCode.NOT_OVERDUE, kind: 'conflict' });
      expect(allowedCommands(story.state, 14 * DAY + 60)).toContain('MarkTwoStepOverdue');
      expect(story.when({ type: 'MarkTwoStepOverdue', data: {} }, 14 * DAY + 60)).toEqual([{ type: 'TwoStepCompletionOverdue', data: { dueMinutes: 14 * DAY + 60, atMinutes: 14 * DAY + 60 } }]);
      expect(story.when({ type: 'MarkTwoStepOverdue', data: {} }, 15 * DAY)).toEqual([]);
      expect(allowedCommands(story.state, 15 * DAY)).not.toContain('MarkTwoStepOverdue');
      const [completed] = story.when({ type: 'CompleteTwoStepDeclaration', data: {} }, 16 * DAY);
      expect(completed).toMatchObject({ type: 'TwoStepDeclarationCompleted', data: { late: true } });
      expect(story.lodged.twoStep).toMatchObject({ overdueMinutes: 14 * DAY + 60, completedMinutes: 16 * DAY });
    });

    it('takes the completion days from the reform parameter, or else from the plan', () => {
      const parameters = { 'two-step-declaration': { completionDays: 7 } };
      const story = new Story(lodgeCommand(FLOWS.importByRoad(), { reforms: ['two-step-declaration'], reformParameters: parameters }), 0);
      expect(story.lodged.twoStep).toMatchObject({ completionDays: 7, dueMinutes: 7 * DAY });
      const plan = planFor(FLOWS.importByRoad(), ['two-step-declaration'], { 'two-step-declaration': { completionDays: 10 } });
      const fromPlan = new Story(lodgeCommand(FLOWS.importByRoad(), { reforms: ['two-step-declaration'], plan }), 0);
      expect(fromPlan.lodged.twoStep).toMatchObject({ completionDays: 10, dueMinutes: 10 * DAY });
      expect(new Story(lodgeCommand(FLOWS.importByRoad(), { reforms: ['two-step-declaration'] }), 0).lodged.twoStep!.completionDays).toBe(14);
    });
  });

  describe('illegal commands', () => {
    it('given a lodged declaration, when the goods are released at once, then 409 with the status and the allowed commands', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      const error = failure(() => story.when({ type: 'ReleaseGoods', data: {} }, 5));
      expect(error).toMatchObject({ kind: 'conflict', code: DeclarationErrorCode.STEP_NOT_READY });
      expect(error.details).toEqual({
        command: 'ReleaseGoods',
        status: 'lodged',
        allowedCommands: ['RecordArrival', 'AmendDeclaration', 'CancelDeclaration', 'RejectDeclaration'],
        readySteps: [{ stepId: 'arrival', commands: ['RecordArrival'] }],
      });
      expect(error.message).toContain('Allowed now: RecordArrival');
    });

    it('a step done with another command, an unknown step, a result before the order, time running backwards', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      expect(failure(() => story.when({ type: 'CompleteStep', data: { stepId: 'arrival' } }, 5))).toMatchObject({
        code: DeclarationErrorCode.WRONG_COMMAND_FOR_STEP,
        message: expect.stringContaining('done with RecordArrival'),
      });
      expect(failure(() => story.when({ type: 'CompleteStep', data: { stepId: 'teleport' } }, 5))).toMatchObject({ code: DeclarationErrorCode.UNKNOWN_STEP, kind: 'validation' });
      story.when({ type: 'RecordArrival', data: {} }, 20);
      expect(failure(() => story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 10))).toMatchObject({ code: DeclarationErrorCode.CLOCK_BEHIND, kind: 'conflict' });
      expect(failure(() => story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration', startedAtMinutes: 5 } }, 100))).toMatchObject({
        kind: 'validation',
        errors: [{ path: 'startedAtMinutes' }],
      });
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 100);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'red' } }, 105);
      story.when({ type: 'RecordDocumentaryCheck', data: { passed: true } }, 150);
      const error = failure(() => story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 160));
      expect(error.details).toMatchObject({ allowedCommands: expect.arrayContaining(['OrderInspection']) });
      expect(failure(() => story.when({ type: 'SkipStep', data: { stepId: 'physical-inspection', reason: 'busy' } }, 160))).toMatchObject({ code: DeclarationErrorCode.STEP_NOT_OPTIONAL });
    });

    it('given a released declaration, when it is cancelled or amended, then 409', () => {
      const story = new Story(lodgeCommand(FLOWS.grapesExport(), { reforms: ['green-channel'] }), 0);
      story.when({ type: 'OrderInspection', data: {} }, 0);
      story.when({ type: 'RecordInspectionResult', data: { passed: true } }, 240);
      story.when({ type: 'RecordArrival', data: {} }, 300);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 350);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'green' } }, 355);
      story.when({ type: 'ReleaseGoods', data: {} }, 360);
      for (const command of [
        { type: 'CancelDeclaration', data: { reason: 'buyer withdrew' } },
        { type: 'AmendDeclaration', data: { amendment: { conveyances: 2 } } },
        { type: 'RejectDeclaration', data: { reason: 'too late' } },
      ] as const) {
        const error = failure(() => story.when(command, 365));
        expect(error).toMatchObject({ kind: 'conflict', code: DeclarationErrorCode.ALREADY_RELEASED, details: { status: 'released', allowedCommands: ['RecordExit'] } });
      }
    });

    it('given a cancelled declaration, then nothing is allowed', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      expect(types(story.when({ type: 'CancelDeclaration', data: { reason: 'wrong consignee' } }, 5))).toEqual(['DeclarationCancelled']);
      expect(story.lodged.status).toBe('cancelled');
      const error = failure(() => story.when({ type: 'RecordArrival', data: {} }, 10));
      expect(error).toMatchObject({ code: DeclarationErrorCode.CLOSED, details: { status: 'cancelled', allowedCommands: [] } });
      expect(error.message).toMatch(/No command is allowed now\.$/);
    });

    it('given no declaration, then only lodgement is allowed', () => {
      const error = failure(() => decide(initialState, { type: 'RecordArrival', data: {} }, 0));
      expect(error).toMatchObject({ code: DeclarationErrorCode.NOT_LODGED, details: { status: 'none', allowedCommands: ['LodgeDeclaration'] } });
    });
  });

  describe('a failed inspection', () => {
    it('is an event that holds the declaration: release is refused, an officer may reject', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      story.when({ type: 'RecordArrival', data: {} }, 20);
      story.when({ type: 'CompleteStep', data: { stepId: 'lodge-declaration' } }, 100);
      story.when({ type: 'AssignRiskChannel', data: { channel: 'red' } }, 105);
      story.when({ type: 'RecordDocumentaryCheck', data: { passed: true } }, 150);
      story.when({ type: 'PayDuties', data: {} }, 160);
      expect(types(story.when({ type: 'OrderInspection', data: {} }, 170))).toEqual(['InspectionOrdered']);
      expect(story.step('physical-inspection')).toMatchObject({ status: 'in-progress', startMinutes: 170 });
      const events = story.when({ type: 'RecordInspectionResult', data: { passed: false, findings: '40 undeclared units' } }, 290);
      expect(events).toEqual([
        { type: 'InspectionCompleted', data: { stepId: 'physical-inspection', startedAtMinutes: 170, atMinutes: 290, passed: false, findings: '40 undeclared units' } },
      ]);
      expect(story.lodged.status).toBe('held');
      const error = failure(() => story.when({ type: 'ReleaseGoods', data: {} }, 300));
      expect(error).toMatchObject({ kind: 'conflict', code: DeclarationErrorCode.ON_HOLD, details: { status: 'held', allowedCommands: ['AmendDeclaration', 'CancelDeclaration', 'RejectDeclaration'] } });
      expect(types(story.when({ type: 'RejectDeclaration', data: { reason: 'undeclared goods' } }, 310))).toEqual(['DeclarationRejected']);
      expect(story.lodged.status).toBe('rejected');
    });
  });

  describe('amendment', () => {
    it('changes goods descriptions, values and conveyances before release', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      const duties = { dueMinor: 2_000_000, securedMinor: 2_400_000, currency: 'CNY' as const };
      story.when({ type: 'AmendDeclaration', data: { amendment: { goods: [{ line: 0, description: 'Laptops, 14 inch', customsValueMinor: 45_000_000 }], conveyances: 2, head: { billNo: 'CMR-1' } }, reason: 'invoice corrected', duties } }, 5);
      expect(story.lodged.declaration.goods[0]).toMatchObject({ description: 'Laptops, 14 inch', customsValueMinor: 45_000_000, hsCode: '8471300000' });
      expect(story.lodged.declaration.conveyances).toBe(2);
      expect(story.lodged.head).toEqual({ billNo: 'CMR-1' });
      expect(story.lodged.duties).toEqual(duties);
      expect(story.lodged.amendments).toBe(1);
    });

    it('refuses to change what the plan was made from, naming each field and why', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      const amendment = { port: 'bakhtu', goods: [{ line: 0, hsCode: '0806100000' }, { line: 3, description: 'x' }] } as never;
      const error = failure(() => story.when({ type: 'AmendDeclaration', data: { amendment } }, 5));
      expect(error.kind).toBe('rule');
      expect(error.code).toBe(DeclarationErrorCode.AMENDMENT_NOT_ALLOWED);
      expect(error.errors.map((e) => e.path)).toEqual(['amendment.port', 'amendment.goods[0].hsCode', 'amendment.goods[1].line']);
      expect(error.errors[0].message).toMatch(/port decides .* lodge a new one/);
    });
  });

  describe('evolve', () => {
    it('folds the events of a walk into the same state whether one by one or all at once, and refuses a stream that does not start with lodgement', () => {
      const story = new Story(lodgeCommand(FLOWS.importByRoad()), 0);
      story.when({ type: 'RecordArrival', data: {} }, 20);
      expect(foldEvents(story.events)).toEqual(story.state);
      expect(() => evolve(initialState, story.events[1])).toThrow(/corrupt/);
    });

    it('keeps the plan from the lodged event, not from today\'s planner', () => {
      const lodge = lodgeCommand(FLOWS.importByRoad());
      const events = decide(initialState, lodge, 0);
      const today = planner().plan({ declaration: FLOWS.importByRoad(), reforms: ['two-step-declaration'] }).plan;
      expect(foldEvents(events)).toMatchObject({ plan: lodge.data.plan });
      expect(today).not.toEqual(lodge.data.plan);
    });
  });
});

import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { DomainError } from '../../common/domain/domain-error';
import { type CommandResponse, IdempotencyService } from '../../common/idempotency/idempotency';
import { describe } from '../../planning/domain/declaration';
import { computeTaxes } from '../../planning/domain/duties';
import { declarationStream, drawChannel } from '../../planning/domain/plan-execution';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import type { DeclarationAmendment } from '../domain/declaration.commands';
import { amend, asLodged, decide, evolve } from '../domain/declaration.decider';
import type { DeclarationState, LodgedDeclaration } from '../domain/declaration.state';
import { ACTIONS, actionFor, toCommand } from '../http/declaration-actions';
import { type DeclarationView, declarationView } from './declaration.view';
import { DeclarationStreams } from './declaration-streams';
import { ActOnDeclarationCommand } from './act-on-declaration.command';

@CommandHandler(ActOnDeclarationCommand)
export class ActOnDeclarationHandler implements ICommandHandler<ActOnDeclarationCommand, CommandResponse<DeclarationView>> {
  constructor(
    private readonly ref: ReferenceIndex,
    private readonly tenants: TenantsRepository,
    private readonly streams: DeclarationStreams,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute({ caller, declarationId, action, body, idempotencyKey, expectedVersion }: ActOnDeclarationCommand): Promise<CommandResponse<DeclarationView>> {
    const definition = ACTIONS[action];
    const fingerprint = { route: `POST /api/declarations/${declarationId}/${action}`, body };
    return this.idempotency.once<DeclarationView>({ tenantId: caller.tenantId, key: idempotencyKey, fingerprint }, async (remember) => {
      const { state, lodgedPosition } = await this.streams.load(caller.tenantId, declarationId);
      if (expectedVersion !== undefined && expectedVersion !== state.version) throw staleVersion(state, expectedVersion);
      const tenant = (await this.tenants.findById(caller.tenantId))!;
      const command = toCommand(definition, body, this.decidedByTheApplication(state, definition.command, body, tenant.seed));
      const events = withAllowedActions(() => decide(state, command, tenant.clockMinutes));
      const metadata = { tenantId: caller.tenantId, actor: caller.keyId, correlationId: idempotencyKey ?? `${declarationId}:${state.version + 1}`, causationId: null };
      const response = { status: 200, body: declarationView(asLodged(events.reduce(evolve, state as DeclarationState))) };
      await this.streams.append(declarationId, state, lodgedPosition, events, metadata, remember(response));
      return response;
    });
  }

  /** What the application supplies to a command: the rules' channel draw, duties re-assessed on an amendment. */
  private decidedByTheApplication(state: LodgedDeclaration, command: string, body: Record<string, unknown>, seed: number): Record<string, unknown> {
    if (command === 'AssignRiskChannel' && body.channel === undefined) {
      return { channel: drawChannel(state.plan, declarationStream(seed, state.declarationId)), assignedBy: 'rules' };
    }
    if (command === 'AmendDeclaration') {
      const amended = amend(state.declaration, body.amendment as DeclarationAmendment);
      const taxes = computeTaxes(state.plan.taxation, describe(amended, this.ref, 'amendment'), this.ref);
      return { duties: { dueMinor: taxes.dueMinor, securedMinor: taxes.securedMinor, currency: 'CNY' } };
    }
    return {};
  }
}

/** A conflict from the decider, with the allowed commands also named as the REST actions that issue them. */
function withAllowedActions<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'conflict' && Array.isArray(error.details.allowedCommands)) {
      const allowedActions = (error.details.allowedCommands as string[]).map(actionFor).filter((a): a is string => a !== undefined);
      throw new DomainError(error.code, error.message, error.kind, error.errors, { ...error.details, allowedActions });
    }
    throw error;
  }
}

function staleVersion(state: LodgedDeclaration, expected: number): DomainError {
  return new DomainError(
    'DECLARATION.VERSION_CONFLICT',
    `The declaration is at version ${state.version}, not ${expected}: someone acted on it meanwhile; read it again`,
    'conflict',
    [{ path: 'If-Match', message: `stale version ${expected}` }],
    { status: state.status, version: state.version },
  );
}

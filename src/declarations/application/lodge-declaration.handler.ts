import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { timeOrderedId } from '../../common/ids/time-ordered-id';
import { type CommandResponse, IdempotencyService } from '../../common/idempotency/idempotency';
import { describe } from '../../planning/domain/declaration';
import { lodgementPlanRequest } from '../../planning/domain/lodgement-request';
import { computeTaxes } from '../../planning/domain/duties';
import { Planner } from '../../planning/domain/planner';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import { asLodged, decide, foldEvents, initialState } from '../domain/declaration.decider';
import { toDeclaration, toHead } from '../http/lodge-declaration.mapper';
import { type LodgedResponse, lodgedResponse } from './declaration.responses';
import { DeclarationStreams } from './declaration-streams';
import { LodgeDeclarationCommand } from './lodge-declaration.command';

@CommandHandler(LodgeDeclarationCommand)
export class LodgeDeclarationHandler implements ICommandHandler<LodgeDeclarationCommand, CommandResponse<LodgedResponse>> {
  constructor(
    private readonly planner: Planner,
    private readonly ref: ReferenceIndex,
    private readonly tenants: TenantsRepository,
    private readonly streams: DeclarationStreams,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute({ caller, body, idempotencyKey }: LodgeDeclarationCommand): Promise<CommandResponse<LodgedResponse>> {
    const fingerprint = { route: 'POST /api/declarations', body };
    return this.idempotency.once<LodgedResponse>({ tenantId: caller.tenantId, key: idempotencyKey, fingerprint }, async (remember) => {
      const tenant = (await this.tenants.findById(caller.tenantId))!;
      const declaration = toDeclaration(body);
      const procedure = body.procedure ?? 'full';
      const advance = body.advance ?? false;
      const result = this.planner.plan(lodgementPlanRequest(declaration, body.option ?? tenant.optionId, { procedure, advance }));
      const taxes = computeTaxes(result.plan.taxation, describe(declaration, this.ref, ''), this.ref);
      const id = timeOrderedId();
      const events = decide(
        initialState,
        {
          type: 'LodgeDeclaration',
          data: {
            declarationId: id,
            tenantId: caller.tenantId,
            declaration,
            head: toHead(body),
            mode: body.mode ?? 'auto',
            procedure,
            advance,
            plan: result.plan,
            reforms: result.reforms.map((r) => r.id),
            reformParameters: Object.fromEntries(result.reforms.map((r) => [r.id, r.parameters])),
            option: result.option,
            duties: { dueMinor: taxes.dueMinor, securedMinor: taxes.securedMinor, currency: 'CNY' },
          },
        },
        tenant.clockMinutes,
      );
      const metadata = { tenantId: caller.tenantId, actor: caller.keyId, correlationId: idempotencyKey ?? id, causationId: null };
      const response = { status: 201, body: lodgedResponse(asLodged(foldEvents(events)), result) };
      await this.streams.append(id, null, null, events, metadata, remember(response));
      return response;
    });
  }
}

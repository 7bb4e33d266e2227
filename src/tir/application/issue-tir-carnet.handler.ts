import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { DomainError } from '../../common/domain/domain-error';
import { type CommandResponse, IdempotencyService } from '../../common/idempotency/idempotency';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import { decideCarnet } from '../domain/tir-carnet.decider';
import { IssueTirCarnetCommand } from './issue-tir-carnet.command';
import { TirCarnetStreams, afterEvents } from './tir-carnet-streams';
import { type TirCarnetView, carnetView } from './tir-carnet.view';

@CommandHandler(IssueTirCarnetCommand)
export class IssueTirCarnetHandler implements ICommandHandler<IssueTirCarnetCommand, CommandResponse<TirCarnetView>> {
  constructor(
    private readonly ref: ReferenceIndex,
    private readonly tenants: TenantsRepository,
    private readonly streams: TirCarnetStreams,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute({ caller, body, idempotencyKey }: IssueTirCarnetCommand): Promise<CommandResponse<TirCarnetView>> {
    const fingerprint = { route: 'POST /api/tir/carnets', body };
    return this.idempotency.once<TirCarnetView>({ tenantId: caller.tenantId, key: idempotencyKey, fingerprint }, async (remember) => {
      const { carnetNumber, holder, issuedBy, vouchers, guarantee, validUntilMinutes } = body;
      if (!this.ref.currencies.has(guarantee.currency)) throw unknownCurrency(guarantee.currency);
      const tenant = (await this.tenants.findById(caller.tenantId))!;
      const before = await this.streams.read(caller.tenantId, carnetNumber);
      const events = decideCarnet(
        before.state,
        {
          type: 'IssueTirCarnet',
          data: { carnetNumber, holder: { id: holder.id, name: holder.name }, issuedBy, vouchers, guarantee: { amountMinor: guarantee.amountMinor, currency: guarantee.currency }, validUntilMinutes },
        },
        tenant.clockMinutes,
      );
      const after = afterEvents(before, events);
      const response = { status: 201, body: carnetView(after.state, after.updatedMinutes) };
      const metadata = { tenantId: caller.tenantId, actor: caller.keyId, correlationId: idempotencyKey ?? `${carnetNumber}:1`, causationId: null };
      await this.streams.append(caller.tenantId, carnetNumber, before, events, metadata, remember(response));
      return response;
    });
  }
}

function unknownCurrency(currency: string): DomainError {
  const message = `unknown currency '${currency}'; see GET /api/reference/currencies`;
  return new DomainError('TIR.UNKNOWN_REFERENCE', `The guarantee names a currency the reference data does not know: ${message}`, 'rule', [{ path: 'guarantee.currency', message }]);
}

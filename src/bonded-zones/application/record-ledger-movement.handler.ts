import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { DomainError } from '../../common/domain/domain-error';
import { type CommandResponse, IdempotencyService } from '../../common/idempotency/idempotency';
import { DeclarationsReadModel } from '../../declarations/persistence/declarations.read-model';
import type { HsHeading } from '../../reference/domain/reference-data';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import type { ZoneLedgerCommand } from '../domain/zone-ledger.commands';
import { decideLedger, evolveLedger } from '../domain/zone-ledger.decider';
import type { ZoneLedgerEvent } from '../domain/zone-ledger.events';
import { requireBondedZone, requireHeading } from './bonded-zone-sites';
import { type LedgerMovement, type MovementBody, RecordLedgerMovementCommand } from './record-ledger-movement.command';
import { ZoneLedgerStreams } from './zone-ledger-streams';
import { type ZoneLedgerView, applyLedgerEvents, ledgerView } from './zone-ledger.view';

export interface LedgerMovementResponse extends ZoneLedgerView {
  /** What this request recorded, in order: one event per line. */
  recorded: Array<{ type: ZoneLedgerEvent['type']; simMinutes: number; data: ZoneLedgerEvent['data'] }>;
}

@CommandHandler(RecordLedgerMovementCommand)
export class RecordLedgerMovementHandler implements ICommandHandler<RecordLedgerMovementCommand, CommandResponse<LedgerMovementResponse>> {
  constructor(
    private readonly ref: ReferenceIndex,
    private readonly tenants: TenantsRepository,
    private readonly declarations: DeclarationsReadModel,
    private readonly streams: ZoneLedgerStreams,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute({ caller, zoneId, traderId, movement, body, idempotencyKey }: RecordLedgerMovementCommand): Promise<CommandResponse<LedgerMovementResponse>> {
    const fingerprint = { route: `POST /api/bonded-zones/${zoneId}/ledgers/${traderId}/${movement}`, body };
    return this.idempotency.once<LedgerMovementResponse>({ tenantId: caller.tenantId, key: idempotencyKey, fingerprint }, async (remember) => {
      requireBondedZone(this.ref, zoneId);
      const headings = body.lines.map((line, i) => requireHeading(this.ref, line.hsCode, `lines[${i}].hsCode`));
      if (body.declarationId !== undefined && !(await this.declarations.get(caller.tenantId, body.declarationId))) throw declarationNotFound(body.declarationId);
      const tenant = (await this.tenants.findById(caller.tenantId))!;
      const before = await this.streams.read(caller.tenantId, zoneId, traderId);
      // One line after the other: a line sees the stock the lines before it left.
      let state = before.state;
      const events: ZoneLedgerEvent[] = [];
      toCommands(movement, body, headings).forEach((command, i) => {
        const produced = onLine(i, () => decideLedger(state, command, tenant.clockMinutes));
        state = produced.reduce(evolveLedger, state);
        events.push(...produced);
      });
      const metadata = { tenantId: caller.tenantId, actor: caller.keyId, correlationId: idempotencyKey ?? `${zoneId}/${traderId}:${before.state.version + 1}`, causationId: null };
      const recorded = events.map((e) => ({ type: e.type, simMinutes: e.data.atMinutes, data: e.data }));
      const response = { status: 200, body: { ...ledgerView(applyLedgerEvents(before, events)), recorded } };
      await this.streams.append(caller.tenantId, before, events, metadata, remember(response));
      return response;
    });
  }
}

/** The domain commands of a request, one per line; the sale carries the heading's duty and VAT rates. */
function toCommands(movement: LedgerMovement, body: MovementBody, headings: HsHeading[]): ZoneLedgerCommand[] {
  const { declarationId } = body;
  return body.lines.map((line, i): ZoneLedgerCommand => {
    const { hsCode, quantity } = line;
    switch (movement) {
      case 'goods-in':
        return { type: 'RecordGoodsInForRepair', data: { hsCode, quantity, unit: line.unit!, origin: body.origin ?? 'abroad', description: line.description, declarationId } };
      case 'repaired':
        return { type: 'RecordGoodsRepaired', data: { hsCode, quantity } };
      case 'returned-abroad':
        return { type: 'ReturnRepairedGoodsAbroad', data: { hsCode, quantity, declarationId } };
      case 'sold-domestically':
        return {
          type: 'SellRepairedGoodsDomestically',
          data: { hsCode, quantity, repairFeeMinor: line.repairFeeMinor!, dutyPercent: headings[i].dutyPercent, vatPercent: headings[i].vatPercent, declarationId },
        };
    }
  });
}

/** A refusal of line `i` names its fields as `lines[i].quantity`, and so on. */
function onLine<T>(i: number, decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const at = (path: string) => `lines[${i}].${path}`;
    const details = typeof error.details.field === 'string' ? { ...error.details, field: at(error.details.field) } : error.details;
    throw new DomainError(error.code, `lines[${i}]: ${error.message}`, error.kind, error.errors.map((e) => ({ ...e, path: at(e.path) })), details);
  }
}

function declarationNotFound(id: string): DomainError {
  return new DomainError('DECLARATION.NOT_FOUND', `No declaration ${id} in this tenant`, 'not-found', [{ path: 'declarationId', message: 'no such declaration in this tenant' }], { id });
}

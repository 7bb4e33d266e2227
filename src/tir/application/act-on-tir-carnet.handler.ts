import { type ICommandHandler, CommandHandler } from '@nestjs/cqrs';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { DomainError } from '../../common/domain/domain-error';
import { type CommandResponse, IdempotencyService } from '../../common/idempotency/idempotency';
import { DeclarationsReadModel } from '../../declarations/persistence/declarations.read-model';
import { decideCarnet } from '../domain/tir-carnet.decider';
import type { IssuedCarnet } from '../domain/tir-carnet.state';
import { ActOnTirCarnetCommand } from './act-on-tir-carnet.command';
import { TirCarnetStreams, afterEvents } from './tir-carnet-streams';
import { type TirCarnetView, carnetView } from './tir-carnet.view';

@CommandHandler(ActOnTirCarnetCommand)
export class ActOnTirCarnetHandler implements ICommandHandler<ActOnTirCarnetCommand, CommandResponse<TirCarnetView>> {
  constructor(
    private readonly tenants: TenantsRepository,
    private readonly declarations: DeclarationsReadModel,
    private readonly streams: TirCarnetStreams,
    private readonly idempotency: IdempotencyService,
  ) {}

  async execute({ caller, carnetNumber, command, route, body, idempotencyKey }: ActOnTirCarnetCommand): Promise<CommandResponse<TirCarnetView>> {
    return this.idempotency.once<TirCarnetView>({ tenantId: caller.tenantId, key: idempotencyKey, fingerprint: { route, body } }, async (remember) => {
      const before = await this.streams.load(caller.tenantId, carnetNumber);
      // The resources the command names must be the tenant's: a declaration, an operation of this carnet.
      if (command.type === 'LinkDeclarationToCarnet' && !(await this.declarations.get(caller.tenantId, command.data.declarationId))) {
        throw declarationNotFound(command.data.declarationId);
      }
      if ('operationNumber' in command.data && command.data.operationNumber !== undefined) requireOperation(before.state, command.data.operationNumber);
      const tenant = (await this.tenants.findById(caller.tenantId))!;
      const events = decideCarnet(before.state, command, tenant.clockMinutes);
      const after = afterEvents(before, events);
      const response = { status: 200, body: carnetView(after.state, after.updatedMinutes) };
      const metadata = { tenantId: caller.tenantId, actor: caller.keyId, correlationId: idempotencyKey ?? `${carnetNumber}:${before.state.version + 1}`, causationId: null };
      await this.streams.append(caller.tenantId, carnetNumber, before, events, metadata, remember(response));
      return response;
    });
  }
}

function declarationNotFound(id: string): DomainError {
  return new DomainError('DECLARATION.NOT_FOUND', `No declaration ${id} in this tenant`, 'not-found', [{ path: 'declarationId', message: 'no such declaration in this tenant' }], { id });
}

function requireOperation(carnet: IssuedCarnet, operationNumber: number): void {
  if (carnet.operations.some((o) => o.operationNumber === operationNumber)) return;
  const started = carnet.operations.length === 0 ? 'no TIR operation has started yet' : `its operations are 1 to ${carnet.operations.length}`;
  throw new DomainError('TIR.OPERATION_NOT_FOUND', `Carnet ${carnet.carnetNumber} has no TIR operation ${operationNumber}: ${started}`, 'not-found', [{ path: 'n', message: 'no such operation' }], {
    operationNumber,
  });
}

import { DEFAULT_PAGE } from '../../common/http/page.query';
import { Body, Controller, Get, HttpCode, HttpStatus, Param, type PipeTransform, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller } from '../../auth/caller';
import { ApiKeyRequired } from '../../auth/http/api-key-header.decorator';
import { TenantsRepository } from '../../auth/persistence/tenants.repository';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/domain/domain-error';
import type { CommandResponse } from '../../common/idempotency/idempotency';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { ActOnTirCarnetCommand } from '../application/act-on-tir-carnet.command';
import { IssueTirCarnetCommand } from '../application/issue-tir-carnet.command';
import { TirCarnetStreams, carnetNotFound } from '../application/tir-carnet-streams';
import { type TirCarnetView, servedCarnet } from '../application/tir-carnet.view';
import type { IssueTirCarnet, TirCarnetCommand } from '../domain/tir-carnet.commands';
import { TirCarnetsReadModel } from '../persistence/tir-carnets.read-model';
import {
  CARNET_NUMBER,
  EXAMPLE_CARNET,
  EXAMPLE_DECLARATION_ID,
  IssueTirCarnetDto,
  LinkTirDeclarationDto,
  ListTirCarnetsQuery,
  StartTirOperationDto,
  TerminateTirOperationDto,
  emptyBody,
} from './tir-carnets.dto';

type CarnetAction = Exclude<TirCarnetCommand, IssueTirCarnet>;

/** A carnet number in the path; anything else names no carnet (404, as for another tenant's). */
class CarnetNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CARNET_NUMBER.test(value)) throw carnetNotFound(value);
    return value;
  }
}

/** An operation number in the path: 1, 2, ...; anything else names no operation. */
class OperationNumberPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,5}$/.test(value)) {
      throw new DomainError('TIR.OPERATION_NOT_FOUND', `No TIR operation '${value}': operations are numbered 1, 2, ...`, 'not-found', [{ path: 'n', message: 'no such operation' }]);
    }
    return Number(value);
  }
}

const numberParam = () => ApiParam({ name: 'number', description: 'The carnet number', example: EXAMPLE_CARNET });
const operationParam = () => ApiParam({ name: 'n', description: 'The TIR operation number: 1 for the first country, 2 for the next...', example: 1 });
const REFUSED = 'Refused by the TIR rules, with a message saying why: no voucher pair left, operation already terminated, carnet expired or terminated at destination';

/** TIR carnets (rules.md §3): issued by the national association, linked to declarations, one TIR operation per country. */
@ApiTags('tir')
@ApiKeyRequired()
@Controller('tir/carnets')
export class TirCarnetsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: TirCarnetsReadModel,
    private readonly streams: TirCarnetStreams,
    private readonly tenants: TenantsRepository,
  ) {}

  @Post()
  @Roles('officer', 'admin')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Issue a TIR carnet, as the national association (CRTA in China)',
    description: "One carnet per vehicle and journey (TIR Convention Art. 17), with a guarantee up to a maximum sum (Art. 8.3) and a final date for acceptance at departure on the tenant's simulated clock (Art. 9).",
  })
  @ApiBody({
    type: IssueTirCarnetDto,
    examples: {
      'crta-4-vouchers': {
        summary: 'A 4-voucher carnet (China and one more country) with a EUR 100,000 guarantee',
        value: { carnetNumber: EXAMPLE_CARNET, holder: { id: 'CHN/042/117', name: 'Kashgar Silk Road Logistics Co.' }, vouchers: 4, guarantee: { amountMinor: 10_000_000, currency: 'EUR' }, validUntilMinutes: 1_051_200 },
      },
    },
  })
  @ApiCreatedResponse({ description: 'Issued: the carnet with its vouchers, guarantee and links' })
  @ApiConflictResponse({ description: 'The tenant already issued a carnet with this number (TIR.CARNET_ALREADY_ISSUED)', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'A currency the reference data does not know, or an Idempotency-Key reused with another body', schema: PROBLEM_SCHEMA })
  async issue(@Caller() caller: Caller, @Body() body: IssueTirCarnetDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const response: CommandResponse<TirCarnetView> = await this.commands.execute(new IssueTirCarnetCommand(caller, body, key));
    const served = await this.serve(caller, response.body);
    reply.status(response.status).header('location', served.links.self);
    return served;
  }

  @Get()
  @ApiOperation({ summary: "The tenant's carnets in issue order, filtered by status or holder; cursor-paginated" })
  async list(@Caller() caller: Caller, @Query() query: ListTirCarnetsQuery) {
    const [page, tenant] = await Promise.all([this.readModel.list(caller.tenantId, query, query.after ?? 0, query.limit ?? DEFAULT_PAGE), this.tenants.findById(caller.tenantId)]);
    return { items: page.items.map((c) => servedCarnet(c, tenant!.clockMinutes)), next: page.next === null ? null : String(page.next) };
  }

  @Get(':number')
  @numberParam()
  @ApiOperation({ summary: 'A carnet: status, vouchers left, guarantee, each TIR operation with its status, the declarations it covers' })
  @ApiNotFoundResponse({ description: 'No such carnet in this tenant (TIR.CARNET_NOT_FOUND)', schema: PROBLEM_SCHEMA })
  async get(@Caller() caller: Caller, @Param('number', CarnetNumberPipe) carnetNumber: string) {
    const view = await this.readModel.get(caller.tenantId, carnetNumber);
    if (!view) throw carnetNotFound(carnetNumber);
    return this.serve(caller, view);
  }

  @Get(':number/events')
  @numberParam()
  @ApiOperation({ summary: 'Everything the carnet went through, in order, with simulated and recorded times' })
  @ApiNotFoundResponse({ description: 'No such carnet in this tenant (TIR.CARNET_NOT_FOUND)', schema: PROBLEM_SCHEMA })
  async events(@Caller() caller: Caller, @Param('number', CarnetNumberPipe) carnetNumber: string) {
    const events = await this.streams.events(caller.tenantId, carnetNumber);
    return {
      items: events.map((e) => ({
        position: e.position,
        version: e.version,
        type: e.type,
        simMinutes: e.simMinutes,
        simHours: Math.round((e.simMinutes / 60) * 100) / 100,
        recordedAt: e.recordedAt,
        actor: e.metadata.actor,
        data: e.payload,
      })),
    };
  }

  @Post(':number/declarations')
  @HttpCode(HttpStatus.OK)
  @Roles('trader', 'officer', 'admin')
  @numberParam()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Link one of the tenant\'s declarations to the carnet that covers its goods (linking twice changes nothing)' })
  @ApiBody({ type: LinkTirDeclarationDto, examples: { declaration: { summary: "A declaration of this tenant (its id from POST /api/declarations)", value: { declarationId: EXAMPLE_DECLARATION_ID } } } })
  @ApiOkResponse({ description: 'The carnet with the declaration linked' })
  @ApiNotFoundResponse({ description: 'No such carnet, or no such declaration, in this tenant', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'The carnet was terminated at destination: it covers no new goods', schema: PROBLEM_SCHEMA })
  link(@Caller() caller: Caller, @Param('number', CarnetNumberPipe) carnetNumber: string, @Body() body: LinkTirDeclarationDto, @IdempotencyKey() key: string | undefined) {
    return this.act(caller, carnetNumber, 'declarations', { type: 'LinkDeclarationToCarnet', data: { declarationId: body.declarationId } }, body, key);
  }

  @Post(':number/operations')
  @HttpCode(HttpStatus.OK)
  @Roles('officer', 'admin')
  @numberParam()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Start a TIR operation: the carnet accepted at the office of departure, or on entry en route into the next country',
    description: 'Uses one voucher pair. Refused (422) when no voucher pair is left, when the carnet expired before its first acceptance, when an operation is still open, or when the journey ended at destination.',
  })
  @ApiBody({ type: StartTirOperationDto, examples: { departure: { summary: 'Accepted and sealed at the Kashgar bonded zone, the office of departure', value: { country: 'CN', customsOffice: 'kashgar-cbz' } } } })
  @ApiOkResponse({ description: 'The carnet with the new operation (status started)' })
  @ApiUnprocessableEntityResponse({ description: REFUSED, schema: PROBLEM_SCHEMA })
  start(@Caller() caller: Caller, @Param('number', CarnetNumberPipe) carnetNumber: string, @Body() body: StartTirOperationDto, @IdempotencyKey() key: string | undefined) {
    return this.act(caller, carnetNumber, 'operations', { type: 'StartTirOperation', data: { country: body.country, customsOffice: body.customsOffice } }, body, key);
  }

  @Post(':number/operations/:n/terminate')
  @HttpCode(HttpStatus.OK)
  @Roles('officer', 'admin')
  @numberParam()
  @operationParam()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Terminate a TIR operation at an exit office en route, or at the office of destination (which ends the journey)' })
  @ApiBody({ type: TerminateTirOperationDto, examples: { exit: { summary: 'Terminated at Irkeshtam, the Chinese exit office', value: { customsOffice: 'irkeshtam', at: 'exit' } } } })
  @ApiOkResponse({ description: 'The carnet with the operation terminated' })
  @ApiNotFoundResponse({ description: 'No such carnet in this tenant, or no such operation on it', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'The operation was already terminated (TIR.OPERATION_ALREADY_TERMINATED)', schema: PROBLEM_SCHEMA })
  terminate(
    @Caller() caller: Caller,
    @Param('number', CarnetNumberPipe) carnetNumber: string,
    @Param('n', OperationNumberPipe) operationNumber: number,
    @Body() body: TerminateTirOperationDto,
    @IdempotencyKey() key: string | undefined,
  ) {
    const command: CarnetAction = { type: 'TerminateTirOperation', data: { operationNumber, customsOffice: body.customsOffice, at: body.at, reservation: body.reservation } };
    return this.act(caller, carnetNumber, `operations/${operationNumber}/terminate`, command, body, key);
  }

  @Post(':number/operations/:n/discharge')
  @HttpCode(HttpStatus.OK)
  @Roles('officer', 'admin')
  @numberParam()
  @operationParam()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Discharge a terminated TIR operation: customs confirm the termination was correct (TIR Convention Arts. 1, 10)' })
  @ApiBody({ required: false, schema: { type: 'object', additionalProperties: false, description: 'No data' }, examples: { discharge: { summary: 'No data: the discharge itself', value: {} } } })
  @ApiOkResponse({ description: 'The carnet with the operation discharged' })
  @ApiNotFoundResponse({ description: 'No such carnet in this tenant, or no such operation on it', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'The operation is not terminated yet, or already discharged', schema: PROBLEM_SCHEMA })
  discharge(
    @Caller() caller: Caller,
    @Param('number', CarnetNumberPipe) carnetNumber: string,
    @Param('n', OperationNumberPipe) operationNumber: number,
    @Body() body: unknown,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.act(caller, carnetNumber, `operations/${operationNumber}/discharge`, { type: 'DischargeTirOperation', data: { operationNumber } }, emptyBody(body), key);
  }

  private async act(caller: Caller, carnetNumber: string, path: string, command: CarnetAction, body: object, key: string | undefined) {
    const route = `POST /api/tir/carnets/${carnetNumber}/${path}`;
    const response: CommandResponse<TirCarnetView> = await this.commands.execute(new ActOnTirCarnetCommand(caller, carnetNumber, command, route, { ...body }, key));
    return this.serve(caller, response.body);
  }

  /** The view with `expired` on the tenant's clock now, and the links. */
  private async serve(caller: Caller, view: TirCarnetView) {
    const tenant = (await this.tenants.findById(caller.tenantId))!;
    return servedCarnet(view, tenant.clockMinutes);
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Param, type PipeTransform, Post, applyDecorators } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Caller } from '../../auth/caller';
import { ApiKeyRequired } from '../../auth/http/api-key-header.decorator';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/domain/domain-error';
import type { CommandResponse } from '../../common/idempotency/idempotency';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { ReferenceIndex } from '../../reference/domain/reference-index';
import { requireBondedZone } from '../application/bonded-zone-sites';
import { type LedgerMovement, type MovementBody, RecordLedgerMovementCommand } from '../application/record-ledger-movement.command';
import type { LedgerMovementResponse } from '../application/record-ledger-movement.handler';
import { ZoneLedgerStreams } from '../application/zone-ledger-streams';
import { emptyLedger, ledgerLinks, ledgerView } from '../application/zone-ledger.view';
import { ZoneLedgersReadModel } from '../persistence/zone-ledgers.read-model';
import {
  EXAMPLE_TRADER,
  EXAMPLE_ZONE,
  LEDGER_EXAMPLES,
  LedgerGoodsInDto,
  LedgerRepairedDto,
  LedgerReturnedAbroadDto,
  LedgerSoldDomesticallyDto,
  TRADER_ID,
  TRADER_ID_RULE,
} from './zone-ledgers.dto';

/** The trader in the path: its TradeCode or another id of the tenant's choosing. */
class TraderIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (TRADER_ID.test(value)) return value;
    throw new DomainError('REQUEST.INVALID', `The trader id is invalid: must be ${TRADER_ID_RULE}`, 'validation', [{ path: 'trader', message: `must be ${TRADER_ID_RULE}` }]);
  }
}

const ledgerParams = () =>
  applyDecorators(
    ApiParam({ name: 'zone', description: 'A comprehensive bonded zone: a seeds/sites.json id of kind bonded-zone (GET /api/reference/sites).', example: EXAMPLE_ZONE }),
    ApiParam({ name: 'trader', description: `The zone enterprise: its TradeCode (customs code or unified social credit code), or any id of ${TRADER_ID_RULE}.`, example: EXAMPLE_TRADER }),
  );
const REFUSED = 'A zone that is not a bonded zone, an HS code without a heading, a quantity larger than the stock (naming the line, its field and the quantity available), another unit for an HS code, or an Idempotency-Key reused with another body';

/** Bonded maintenance (rules.md §4): the ledger of a trader in a comprehensive bonded zone; quantities never go below zero. */
@ApiTags('bonded-zones')
@ApiKeyRequired()
@Controller('bonded-zones/:zone/ledgers/:trader')
export class ZoneLedgersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly ref: ReferenceIndex,
    private readonly readModel: ZoneLedgersReadModel,
    private readonly streams: ZoneLedgerStreams,
  ) {}

  @Get()
  @Roles('trader', 'officer', 'admin')
  @ledgerParams()
  @ApiOperation({ summary: "The trader's ledger in the zone: quantities by HS code (awaiting repair, repaired, returned abroad, sold domestically), repair fees and the taxes paid on them" })
  @ApiOkResponse({ description: 'The ledger; empty (version 0) while nothing was recorded on it' })
  @ApiUnprocessableEntityResponse({ description: 'The zone is not a bonded zone (LEDGER.UNKNOWN_ZONE)', schema: PROBLEM_SCHEMA })
  async get(@Caller() caller: Caller, @Param('zone') zoneId: string, @Param('trader', TraderIdPipe) traderId: string) {
    requireBondedZone(this.ref, zoneId);
    const view = (await this.readModel.get(caller.tenantId, zoneId, traderId)) ?? ledgerView(emptyLedger(zoneId, traderId));
    return { ...view, links: ledgerLinks(zoneId, traderId) };
  }

  @Get('events')
  @Roles('trader', 'officer', 'admin')
  @ledgerParams()
  @ApiOperation({ summary: 'Every movement recorded on the ledger, in order, with simulated and recorded times' })
  @ApiUnprocessableEntityResponse({ description: 'The zone is not a bonded zone (LEDGER.UNKNOWN_ZONE)', schema: PROBLEM_SCHEMA })
  async events(@Caller() caller: Caller, @Param('zone') zoneId: string, @Param('trader', TraderIdPipe) traderId: string) {
    requireBondedZone(this.ref, zoneId);
    const events = await this.streams.events(caller.tenantId, zoneId, traderId);
    return {
      items: events.map((e) => ({ position: e.position, version: e.version, type: e.type, simMinutes: e.simMinutes, recordedAt: e.recordedAt, actor: e.metadata.actor, data: e.payload })),
    };
  }

  @Post('goods-in')
  @HttpCode(HttpStatus.OK)
  @Roles('trader', 'admin')
  @ledgerParams()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Goods enter the zone for repair, duties suspended (entry record list and bonded verification list, 1371)' })
  @ApiBody({ type: LedgerGoodsInDto, examples: { 'excavators-in': LEDGER_EXAMPLES.goodsIn } })
  @ApiOkResponse({ description: 'The ledger after the movement, and the events recorded' })
  @ApiNotFoundResponse({ description: 'The declarationId is not a declaration of this tenant', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: REFUSED, schema: PROBLEM_SCHEMA })
  goodsIn(@Caller() caller: Caller, @Param('zone') zoneId: string, @Param('trader', TraderIdPipe) traderId: string, @Body() body: LedgerGoodsInDto, @IdempotencyKey() key: string | undefined) {
    return this.record(caller, zoneId, traderId, 'goods-in', body, key);
  }

  @Post('repaired')
  @HttpCode(HttpStatus.OK)
  @Roles('trader', 'admin')
  @ledgerParams()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Goods awaiting repair are repaired in the zone' })
  @ApiBody({ type: LedgerRepairedDto, examples: { 'excavators-repaired': LEDGER_EXAMPLES.repaired } })
  @ApiOkResponse({ description: 'The ledger after the movement, and the events recorded' })
  @ApiUnprocessableEntityResponse({ description: REFUSED, schema: PROBLEM_SCHEMA })
  repaired(@Caller() caller: Caller, @Param('zone') zoneId: string, @Param('trader', TraderIdPipe) traderId: string, @Body() body: LedgerRepairedDto, @IdempotencyKey() key: string | undefined) {
    return this.record(caller, zoneId, traderId, 'repaired', body, key);
  }

  @Post('returned-abroad')
  @HttpCode(HttpStatus.OK)
  @Roles('trader', 'admin')
  @ledgerParams()
  @ApiIdempotencyKey()
  @ApiOperation({ summary: 'Repaired goods are re-exported (exit record list and verification list, 1371): no duty or tax' })
  @ApiBody({ type: LedgerReturnedAbroadDto, examples: { 'one-returned': LEDGER_EXAMPLES.returnedAbroad } })
  @ApiOkResponse({ description: 'The ledger after the movement, and the events recorded' })
  @ApiNotFoundResponse({ description: 'The declarationId is not a declaration of this tenant', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: REFUSED, schema: PROBLEM_SCHEMA })
  returnedAbroad(
    @Caller() caller: Caller,
    @Param('zone') zoneId: string,
    @Param('trader', TraderIdPipe) traderId: string,
    @Body() body: LedgerReturnedAbroadDto,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.record(caller, zoneId, traderId, 'returned-abroad', body, key);
  }

  @Post('sold-domestically')
  @HttpCode(HttpStatus.OK)
  @Roles('trader', 'admin')
  @ledgerParams()
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Repaired goods go to the domestic market (import declaration under 1300): the goods exempt, duty and VAT on the repair fee only',
    description: "Duty is the goods' heading rate on the repair fee, VAT the heading's VAT rate on fee plus duty (GET /api/reference/hs-headings).",
  })
  @ApiBody({ type: LedgerSoldDomesticallyDto, examples: { 'two-sold': LEDGER_EXAMPLES.soldDomestically } })
  @ApiOkResponse({ description: 'The ledger after the movement, and the events recorded with the duty and VAT charged' })
  @ApiNotFoundResponse({ description: 'The declarationId is not a declaration of this tenant', schema: PROBLEM_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: REFUSED, schema: PROBLEM_SCHEMA })
  soldDomestically(
    @Caller() caller: Caller,
    @Param('zone') zoneId: string,
    @Param('trader', TraderIdPipe) traderId: string,
    @Body() body: LedgerSoldDomesticallyDto,
    @IdempotencyKey() key: string | undefined,
  ) {
    return this.record(caller, zoneId, traderId, 'sold-domestically', body, key);
  }

  private async record(caller: Caller, zoneId: string, traderId: string, movement: LedgerMovement, body: MovementBody, key: string | undefined) {
    const response: CommandResponse<LedgerMovementResponse> = await this.commands.execute(new RecordLedgerMovementCommand(caller, zoneId, traderId, movement, body, key));
    return { ...response.body, links: ledgerLinks(zoneId, traderId) };
  }
}

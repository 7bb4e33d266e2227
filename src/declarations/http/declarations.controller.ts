import { DEFAULT_PAGE } from '../../common/http/page.query';
import { Body, Controller, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Caller } from '../../auth/caller';
import { ApiKeyRequired } from '../../auth/http/api-key-header.decorator';
import { roleForbidden } from '../../auth/auth.errors';
import { Roles } from '../../auth/roles.decorator';
import { DomainError } from '../../common/domain/domain-error';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { validatePlain } from '../../common/http/validation';
import { REFORMS } from '../../planning/domain/reforms/reform-catalogue';
import { EXAMPLE_DECLARATION_ID } from '../../tir/http/tir-carnets.dto';
import { ActOnDeclarationCommand } from '../application/act-on-declaration.command';
import { links } from '../application/declaration.responses';
import { DeclarationStreams } from '../application/declaration-streams';
import { LodgeDeclarationCommand } from '../application/lodge-declaration.command';
import { allowedActions } from '../domain/declaration.decider';
import { DeclarationsReadModel } from '../persistence/declarations.read-model';
import { ACTIONS, actionFor } from './declaration-actions';
import { ListDeclarationsQuery } from './declarations.dto';
import { LodgeDeclarationDto } from './lodge-declaration.dto';

/** Lodge examples from the reforms' own example declarations, so they stay valid. */
function lodgeExamples(): Record<string, { summary: string; value: object }> {
  const green = REFORMS.find((r) => r.id === 'green-channel')!;
  const twoStep = REFORMS.find((r) => r.id === 'two-step-declaration')!;
  const copper = REFORMS.find((r) => r.id === 'port-plus-unloading-place')!;
  return {
    'export-green-channel': { summary: 'Fresh grapes exported at Bakhtu, walked by the automatic officers', value: { ...green.example, mode: 'auto', option: 'overall-plan-2023' } },
    'import-two-step': { summary: 'A two-step import at Khorgos, officers act by hand', value: { ...twoStep.example, mode: 'manual', procedure: 'two-step' } },
    'copper-port-plus-unloading-place': { summary: 'Copper concentrate by rail under "port + unloading place"', value: { ...copper.example, option: 'port-plus-unloading-place' } },
  };
}

@ApiTags('declarations')
@ApiKeyRequired()
@Controller('declarations')
export class DeclarationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModel: DeclarationsReadModel,
    private readonly streams: DeclarationStreams,
  ) {}

  @Post()
  @Roles('trader', 'admin')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Lodge a declaration',
    description:
      "The body is the China Single Window declaration head and goods lines. The declaration is planned under the tenant's option (or `option`), walks its plan on the tenant's simulated clock (`mode: auto`) or waits for officers (`manual`).",
  })
  @ApiBody({ type: LodgeDeclarationDto, examples: lodgeExamples() })
  @ApiCreatedResponse({ description: 'Lodged: id, status, plan summary and links' })
  @ApiUnprocessableEntityResponse({ description: 'An unknown code, option or reform, or a procedure the declaration is not eligible for', schema: PROBLEM_SCHEMA })
  async lodge(@Caller() caller: Caller, @Body() body: LodgeDeclarationDto, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply) {
    const response = await this.commands.execute(new LodgeDeclarationCommand(caller, body, key));
    reply.status(response.status).header('location', response.body.links.self);
    return response.body;
  }

  @Get()
  @ApiOperation({ summary: "The tenant's declarations in lodgement order, filtered by status, port or procedure; cursor-paginated" })
  async list(@Caller() caller: Caller, @Query() query: ListDeclarationsQuery) {
    const page = await this.readModel.list(caller.tenantId, query, query.after ?? 0, query.limit ?? DEFAULT_PAGE);
    return { items: page.items.map((d) => ({ ...d, links: links(d.id) })), next: page.next === null ? null : String(page.next) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'A declaration: status, steps, TRS interval times, duties' })
  async get(@Caller() caller: Caller, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string) {
    const view = await this.readModel.get(caller.tenantId, id);
    if (!view) throw notFound(id);
    return { ...view, links: links(id) };
  }

  @Get(':id/events')
  @ApiOperation({ summary: 'Everything the declaration went through, in order, with simulated and recorded times' })
  async events(@Caller() caller: Caller, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string) {
    const events = await this.streams.events(caller.tenantId, id);
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

  @Get(':id/actions')
  @ApiOperation({ summary: 'The actions allowed now, with the plan step each works on' })
  async actions(@Caller() caller: Caller, @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string) {
    const { state } = await this.streams.load(caller.tenantId, id);
    const items = allowedActions(state)
      .map((a) => ({ action: actionFor(a.command), command: a.command, stepId: a.stepId }))
      .filter((a) => a.action !== undefined)
      .map((a) => ({ ...a, roles: ACTIONS[a.action!].roles, href: `${links(id).self}/${a.action}` }));
    return { status: state.status, version: state.version, items };
  }

  @Post(':id/:action')
  @HttpCode(HttpStatus.OK)
  @ApiIdempotencyKey()
  @ApiParam({ name: 'id', description: 'The declaration id (from the lodgement).', example: EXAMPLE_DECLARATION_ID })
  @ApiParam({ name: 'action', schema: { type: 'string', enum: Object.keys(ACTIONS), example: 'amend' }, description: Object.entries(ACTIONS).map(([a, d]) => `\`${a}\` (${d.roles.join(', ')}): ${d.summary}`).join('\n') })
  @ApiOperation({ summary: 'An officer or trader action on the declaration (see GET .../actions for those allowed now)' })
  @ApiBody({
    required: false,
    description: 'The body of the chosen action (see the action list above); e.g. `assign-channel` takes `{ "channel": "red" }` or `{}` to let the rules draw it, `cancel` takes `{ "reason": "..." }`.',
    schema: { type: 'object' },
    examples: { amend: { summary: 'amend: one more truck', value: { amendment: { conveyances: 3 }, reason: 'One more truck' } } },
  })
  @ApiOkResponse({ description: 'The declaration after the action' })
  @ApiConflictResponse({ description: 'Not allowed now (details.status, details.allowedActions), or a stale version', schema: PROBLEM_SCHEMA })
  async act(
    @Caller() caller: Caller,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @IdempotencyKey() key: string | undefined,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    const definition = ACTIONS[action];
    if (!definition) {
      throw new DomainError('DECLARATION.UNKNOWN_ACTION', `No action '${action}'; one of ${Object.keys(ACTIONS).join(', ')}`, 'not-found', [{ path: 'action', message: 'unknown action' }]);
    }
    if (!definition.roles.includes(caller.role)) throw roleForbidden(caller.role, definition.roles);
    const validated = await validatePlain(definition.body, body ?? {});
    const expectedVersion = ifMatch === undefined ? undefined : Number(ifMatch.replace(/"/g, ''));
    if (expectedVersion !== undefined && !Number.isInteger(expectedVersion)) {
      throw new DomainError('REQUEST.INVALID', 'If-Match must be the version number of the declaration', 'validation', [{ path: 'If-Match', message: 'must be an integer version' }]);
    }
    const response = await this.commands.execute(new ActOnDeclarationCommand(caller, id, action, { ...validated }, key, expectedVersion));
    return { ...response.body, links: links(id) };
  }
}

function notFound(id?: string): DomainError {
  return new DomainError('DECLARATION.NOT_FOUND', id ? `No declaration ${id} in this tenant` : 'No such declaration in this tenant', 'not-found', [{ path: 'id', message: 'no such declaration' }]);
}

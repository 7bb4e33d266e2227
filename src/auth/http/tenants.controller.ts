import { Body, Controller, Delete, Get, HttpStatus, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainError } from '../../common/domain/domain-error';
import { ApiIdempotencyKey, IdempotencyKey } from '../../common/idempotency/idempotency-key.decorator';
import { IdempotencyService } from '../../common/idempotency/idempotency';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';
import { PlanningCatalogue } from '../../planning/application/planning-catalogue';
import { AccountsService } from '../application/accounts.service';
import { Caller } from '../caller';
import type { ApiKeyRecord } from '../persistence/api-keys.repository';
import type { Tenant } from '../persistence/tenants.repository';
import { Roles } from '../roles.decorator';
import { ApiKeyRequired } from './api-key-header.decorator';
import { ApiKeyView, CreateApiKeyDto, CreateTenantDto, IssuedApiKeyView, TenantView, UpdateTenantDto } from './tenants.dto';

const EXAMPLE_TENANT = 'acme-logistics';
const tenantParam = () => ApiParam({ name: 'name', description: 'The tenant name', example: EXAMPLE_TENANT });

const tenantView = (t: Tenant): TenantView => ({ id: t.id, name: t.name, seed: t.seed, clockMinutes: t.clockMinutes, optionId: t.optionId, createdAt: t.createdAt });
const keyView = (k: ApiKeyRecord): ApiKeyView => ({ id: k.id, tenant: k.tenantName, role: k.role, prefix: k.prefix, createdAt: k.createdAt, revokedAt: k.revokedAt });

/** Tenants and their API keys: the sandbox operator's (admin keys') door. The CLI does the same with `swsim keys create`. */
@ApiTags('tenants')
@ApiKeyRequired()
@Roles('admin')
@Controller('tenants')
export class TenantsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly idempotency: IdempotencyService,
    private readonly catalogue: PlanningCatalogue,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a tenant (a logistics firm or a training group) with its sandbox seed' })
  @ApiIdempotencyKey()
  @ApiBody({ type: CreateTenantDto, examples: { tenant: { summary: 'A tenant with a fixed seed', value: { name: EXAMPLE_TENANT, seed: 42 } } } })
  @ApiCreatedResponse({ type: TenantView })
  @ApiResponse({ status: 409, description: 'The name is taken (TENANT.NAME_TAKEN)', schema: PROBLEM_SCHEMA })
  @ApiResponse({ status: 422, description: 'An unknown option, or an Idempotency-Key reused with another body', schema: PROBLEM_SCHEMA })
  async create(@Body() body: CreateTenantDto, @Caller() caller: Caller, @IdempotencyKey() key: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<TenantView> {
    this.checkOption(body.optionId);
    const response = await this.idempotency.once<TenantView>({ tenantId: caller.tenantId, key, fingerprint: { route: 'POST /api/tenants', body } }, async (remember) => {
      // One transaction: the tenant and the idempotency record.
      const tenant = await this.accounts.createTenant(body, async (tx, created) => remember({ status: HttpStatus.CREATED, body: tenantView(created) })(tx, []));
      return { status: HttpStatus.CREATED, body: tenantView(tenant) };
    });
    void reply.status(response.status);
    return response.body;
  }

  @Get()
  @ApiOperation({ summary: 'List the tenants' })
  @ApiOkResponse({ type: [TenantView] })
  async list(): Promise<TenantView[]> {
    return (await this.accounts.listTenants()).map(tenantView);
  }

  @Get(':name')
  @tenantParam()
  @ApiOperation({ summary: 'One tenant, with its sandbox seed, clock and option' })
  @ApiOkResponse({ type: TenantView })
  async get(@Param('name') name: string): Promise<TenantView> {
    return tenantView(await this.accounts.tenant(name));
  }

  @Patch(':name')
  @tenantParam()
  @ApiOperation({ summary: "Set a tenant's sandbox seed or option" })
  @ApiOkResponse({ type: TenantView })
  async update(@Param('name') name: string, @Body() body: UpdateTenantDto): Promise<TenantView> {
    this.checkOption(body.optionId);
    return tenantView(await this.accounts.updateTenant(name, { seed: body.seed, optionId: body.optionId }));
  }

  @Post(':name/keys')
  @tenantParam()
  @ApiOperation({
    summary: 'Create an API key for a tenant; the key is in the answer, once',
    description: 'Keys are not idempotent on purpose: a replayed answer would have to keep the key in plain text.',
  })
  @ApiBody({ type: CreateApiKeyDto, examples: { trader: { summary: 'A trader key', value: { role: 'trader' } }, officer: { summary: 'An officer key', value: { role: 'officer' } } } })
  @ApiCreatedResponse({ type: IssuedApiKeyView })
  async issueKey(@Param('name') name: string, @Body() body: CreateApiKeyDto): Promise<IssuedApiKeyView> {
    const issued = await this.accounts.issueKey(name, body.role);
    return { ...keyView(issued), key: issued.key };
  }

  @Get(':name/keys')
  @tenantParam()
  @ApiOperation({ summary: "A tenant's API keys (prefixes only), revoked ones included" })
  @ApiOkResponse({ type: [ApiKeyView] })
  async keys(@Param('name') name: string): Promise<ApiKeyView[]> {
    return (await this.accounts.listKeys(name)).map(keyView);
  }

  @Delete(':name/keys/:keyId')
  @tenantParam()
  @ApiParam({ name: 'keyId', description: 'The key id (not the key)' })
  @ApiOperation({ summary: 'Revoke an API key: it is refused (401) from now on' })
  @ApiOkResponse({ type: ApiKeyView })
  async revoke(@Param('name') name: string, @Param('keyId') keyId: string): Promise<ApiKeyView> {
    return keyView(await this.accounts.revokeKey(name, keyId));
  }

  private checkOption(optionId: string | undefined): void {
    if (optionId === undefined || this.catalogue.options().some((o) => o.id === optionId)) return;
    throw new DomainError('OPTION.UNKNOWN', `No option '${optionId}'; see GET /api/options`, 'rule', [{ path: 'optionId', message: `unknown option '${optionId}'` }]);
  }
}

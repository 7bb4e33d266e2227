import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PlanningModule } from '../planning/planning.module';
import { ApiKeyGuard } from './api-key.guard';
import { AccountsService } from './application/accounts.service';
import { TenantsController } from './http/tenants.controller';
import { ApiKeysRepository } from './persistence/api-keys.repository';
import { TenantsRepository } from './persistence/tenants.repository';

/**
 * Tenants, API keys and roles. ApiKeyGuard is installed globally: every route needs a key except the
 * public ones (see api-key.guard.ts). Exports TenantsRepository for the tenant's sandbox seed and clock.
 */
@Module({
  imports: [PlanningModule],
  controllers: [TenantsController],
  providers: [TenantsRepository, ApiKeysRepository, AccountsService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [AccountsService, TenantsRepository],
})
export class AuthModule {}

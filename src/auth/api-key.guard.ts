import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { API_KEY_HEADER, type Role } from './api-key';
import { AccountsService } from './application/accounts.service';
import { invalidApiKey, missingApiKey, roleForbidden } from './auth.errors';
import type { RequestWithCaller } from './caller';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * The controllers anyone may call without a key (the issue: health, docs, reference data, reforms,
 * options and plans). Listed by their route so that their modules need no auth import; a controller
 * of its own can say @Public() instead. Swagger UI and /api/openapi.json are not Nest routes and never
 * reach a guard.
 */
const PUBLIC_CONTROLLERS = new Set(['health', 'reference', 'reforms', 'options', 'plans']);

/**
 * Global guard: every route needs a live API key in X-Api-Key (401 when missing, unknown or revoked)
 * except the public ones above; a route with @Roles needs one of its roles (403). The caller is put on
 * the request for @Caller().
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) || isPublicController(context.getClass())) return true;

    const request = context.switchToHttp().getRequest<RequestWithCaller & { headers: Record<string, string | string[] | undefined> }>();
    const header = request.headers[API_KEY_HEADER];
    const key = (Array.isArray(header) ? header[0] : header)?.trim();
    if (!key) throw missingApiKey();
    const caller = await this.accounts.authenticate(key);
    if (!caller) throw invalidApiKey();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(caller.role)) throw roleForbidden(caller.role, roles);
    request.caller = caller;
    return true;
  }
}

function isPublicController(controller: object): boolean {
  const path = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
  const first = (Array.isArray(path) ? path[0] : path) ?? '';
  return PUBLIC_CONTROLLERS.has(first.replace(/^\/+|\/+$/g, '').split('/')[0]);
}

import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../common/http/openapi';
import type { Role } from './api-key';

export const ROLES_KEY = 'swsim:roles';
export const PUBLIC_KEY = 'swsim:public';

/**
 * The roles allowed to call a handler (or every handler of a controller); another role is a 403. The
 * OpenAPI operation lists them as `x-swsim-roles`. Without @Roles, any valid key of any role may call.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiExtension('x-swsim-roles', roles),
    ApiForbiddenResponse({ description: `The key's role is not ${roles.join(' or ')} (AUTH.ROLE_FORBIDDEN)`, schema: PROBLEM_SCHEMA }),
  );

/** A handler or controller anyone may call without a key. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

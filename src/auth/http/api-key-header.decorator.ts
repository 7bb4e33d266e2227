import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { PROBLEM_SCHEMA } from '../../common/http/openapi';

/** OpenAPI for a protected controller: the X-Api-Key header and the 401 it answers without a live key. */
export const ApiKeyRequired = () =>
  applyDecorators(
    ApiHeader({ name: 'X-Api-Key', required: true, description: 'An API key (`npx swsim keys create --tenant <name> --role <role>`, or POST /api/tenants/{name}/keys)' }),
    ApiUnauthorizedResponse({ description: 'No X-Api-Key header (AUTH.KEY_MISSING), or an unknown or revoked key (AUTH.KEY_INVALID)', schema: PROBLEM_SCHEMA }),
  );

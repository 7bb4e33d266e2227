import { type ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { Role } from './api-key';

/** Who is calling: set by ApiKeyGuard from the X-Api-Key header. */
export interface Caller {
  tenantId: string;
  tenantName: string;
  role: Role;
  /** The API key's id: the `actor` of the events the caller causes. */
  keyId: string;
}

export interface RequestWithCaller {
  caller?: Caller;
}

/** The caller of a protected handler: `handle(@Caller() caller: Caller)`. No request-scoped providers involved. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  // A programming error, not the client's: @Caller() on a route that ApiKeyGuard lets through without a key.
  if (!caller) throw new Error('@Caller() used on a public route: there is no API key to say who is calling');
  return caller;
});

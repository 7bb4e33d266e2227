import { DomainError } from '../common/domain/domain-error';
import type { Role } from './api-key';

export const missingApiKey = (): DomainError =>
  new DomainError('AUTH.KEY_MISSING', 'This endpoint needs an API key in the X-Api-Key header; create one with `npx swsim keys create --tenant <name> --role <role>`', 'unauthenticated', [
    { path: 'X-Api-Key', message: 'is required' },
  ]);

export const invalidApiKey = (): DomainError =>
  new DomainError('AUTH.KEY_INVALID', 'The API key in X-Api-Key is unknown or has been revoked', 'unauthenticated', [{ path: 'X-Api-Key', message: 'unknown or revoked key' }]);

export const roleForbidden = (role: Role, allowed: readonly Role[]): DomainError =>
  new DomainError('AUTH.ROLE_FORBIDDEN', `A ${role} key cannot do this; it needs a key with the role ${allowed.join(' or ')}`, 'forbidden', [], { role, allowed });

export const tenantNotFound = (name: string): DomainError =>
  new DomainError('TENANT.NOT_FOUND', `No tenant named '${name}'; see GET /api/tenants`, 'not-found', [{ path: 'name', message: `unknown tenant '${name}'` }]);

export const tenantNameTaken = (name: string): DomainError =>
  new DomainError('TENANT.NAME_TAKEN', `A tenant named '${name}' already exists`, 'conflict', [{ path: 'name', message: 'is taken' }]);

export const apiKeyNotFound = (tenant: string, id: string): DomainError =>
  new DomainError('API_KEY.NOT_FOUND', `Tenant '${tenant}' has no API key '${id}'`, 'not-found', [{ path: 'keyId', message: `unknown key '${id}'` }]);

export const clockMoved = (tenantId: string, expectedMinutes: number): DomainError =>
  new DomainError('TENANT.CLOCK_MOVED', `The sandbox clock moved on while this command ran (it was at ${expectedMinutes} min); try again`, 'conflict', [], { tenantId, expectedMinutes });

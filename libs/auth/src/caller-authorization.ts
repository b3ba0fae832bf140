import type { ApiCaller, ApiCallerResolver, ApiKeyRole } from './api-key-role';
import { PermissionDeniedError, UnauthenticatedError } from './auth-errors';
import { extractApiKey, type CredentialHeaders } from './credential-headers';

/**
 * Longer than any key GreenOps issues or accepts; refused without a lookup, so a huge header
 * costs no hashing.
 */
export const API_KEY_MAX_LENGTH = 512;

/** The caller behind the request's API key; UnauthenticatedError when there is none. */
export async function authenticateApiKey(
  headers: CredentialHeaders,
  resolver: ApiCallerResolver,
): Promise<ApiCaller> {
  const key = extractApiKey(headers);
  if (key === undefined) throw new UnauthenticatedError('missing');
  if (key.length > API_KEY_MAX_LENGTH) throw new UnauthenticatedError('unknown');
  const caller = await resolver.resolveCaller(key);
  if (caller === null) throw new UnauthenticatedError('unknown');
  return caller;
}

/** PermissionDeniedError unless the caller holds `role`. */
export function requireRole(caller: ApiCaller, role: ApiKeyRole): void {
  if (!caller.roles.includes(role)) throw new PermissionDeniedError(role);
}

/** PermissionDeniedError unless the caller holds at least one of `roles`. */
export function requireAnyRole(caller: ApiCaller, roles: readonly ApiKeyRole[]): void {
  if (!roles.some((role) => caller.roles.includes(role)))
    throw new PermissionDeniedError(roles[0], roles.slice(1));
}

/**
 * The one check every entry point makes (OTLP/HTTP, OTLP/gRPC, GraphQL): key → caller → role.
 * Throws UnauthenticatedError or PermissionDeniedError; the transports map them to their codes.
 */
export async function authorizeApiKey(
  headers: CredentialHeaders,
  resolver: ApiCallerResolver,
  role: ApiKeyRole,
): Promise<ApiCaller> {
  const caller = await authenticateApiKey(headers, resolver);
  requireRole(caller, role);
  return caller;
}

import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { authorizeApiKey, type ApiCallerResolver } from '@greenops/auth';
import { API_KEY_RESOLVER } from './ingest-tokens';

/** The request as seen after ApiKeyGuard: carries the tenant of its credential. */
export interface TenantRequest extends IncomingMessage {
  greenopsTenant?: string;
}

/**
 * Requires an API key with the `ingest` role and resolves its tenant; the tenant never comes
 * from span attributes (docs/architecture.md, "Tenant isolation"). Failures are libs/auth errors,
 * answered by OtlpHttpExceptionFilter (401 / 403).
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEY_RESOLVER) private readonly apiKeys: ApiCallerResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const caller = await authorizeApiKey(request.headers, this.apiKeys, 'ingest');
    request.greenopsTenant = caller.tenant;
    return true;
  }
}

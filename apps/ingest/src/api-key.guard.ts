import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { extractApiKey } from './api-key';
import { UnauthenticatedError } from './ingest-errors';
import { API_KEY_RESOLVER, type ApiKeyResolver } from './ingest-tokens';

/** The request as seen after ApiKeyGuard: carries the tenant of its credential. */
export interface TenantRequest extends IncomingMessage {
  greenopsTenant?: string;
}

/** Resolves the tenant from the API key; the tenant never comes from span attributes (docs/architecture.md, "Tenant isolation"). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(API_KEY_RESOLVER) private readonly apiKeys: ApiKeyResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TenantRequest>();
    const key = extractApiKey(request.headers);
    if (key === undefined) throw new UnauthenticatedError();
    const tenant = await this.apiKeys.resolveTenant(key);
    if (tenant === null) throw new UnauthenticatedError('unknown API key');
    request.greenopsTenant = tenant;
    return true;
  }
}

import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GATEWAY_API_KEYS, type ApiKeyResolver } from '../gateway-queries.port';
import { apiKeyFromHeaders } from './request-credentials';
import { REQUIRED_ROLE } from './require-role.decorator';
import type { GatewayContext } from './tenant-context';

/**
 * Resolves the caller's tenant and roles from the API key (once per request) and checks the
 * role an operation requires: 'read' for every query, more where @RequireRole says so.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(GATEWAY_API_KEYS) private readonly apiKeys: ApiKeyResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = GqlExecutionContext.create(context).getContext<GatewayContext>().req;
    if (!req.tenant) {
      const key = apiKeyFromHeaders(req.headers);
      if (!key)
        throw new UnauthorizedException(
          'Missing API key: send Authorization: Bearer <key> or x-api-key',
        );
      const caller = await this.apiKeys.resolveCaller(key);
      if (!caller) throw new UnauthorizedException('Invalid API key');
      req.tenant = caller.tenant;
      req.roles = caller.roles;
    }
    const required =
      this.reflector.get<string | undefined>(REQUIRED_ROLE, context.getHandler()) ?? 'read';
    if (!req.roles?.includes(required)) {
      throw new ForbiddenException(`This API key lacks the '${required}' role`);
    }
    return true;
  }
}

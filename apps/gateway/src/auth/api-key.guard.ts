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
import {
  authenticateApiKey,
  PermissionDeniedError,
  requireRole,
  UnauthenticatedError,
  type ApiKeyRole,
} from '@greenops/auth';
import { GATEWAY_API_KEYS, type ApiKeyResolver } from '../gateway-queries.port';
import { REQUIRED_ROLE } from './require-role.decorator';
import type { GatewayContext } from './tenant-context';

/** libs/auth failures as the HTTP exceptions the GraphQL error filter maps to codes. */
export function asHttpException(error: unknown): unknown {
  if (error instanceof UnauthenticatedError) return new UnauthorizedException(error.message);
  if (error instanceof PermissionDeniedError) return new ForbiddenException(error.message);
  return error;
}

/**
 * Resolves the caller's tenant and roles from the API key (once per request) and checks the
 * role an operation requires: 'read' for every query, more where @RequireRole says so. The key
 * and role rules are libs/auth's, shared with the OTLP receivers.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(GATEWAY_API_KEYS) private readonly apiKeys: ApiKeyResolver,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = GqlExecutionContext.create(context).getContext<GatewayContext>().req;
    const required =
      this.reflector.get<ApiKeyRole | undefined>(REQUIRED_ROLE, context.getHandler()) ?? 'read';
    try {
      if (!req.tenant || !req.roles) {
        const caller = await authenticateApiKey(req.headers, this.apiKeys);
        req.tenant = caller.tenant;
        req.roles = caller.roles;
      }
      requireRole({ tenant: req.tenant, roles: req.roles }, required);
    } catch (error) {
      throw asHttpException(error);
    }
    return true;
  }
}

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { ApiKeyRole } from '@greenops/auth';

export interface GatewayRequest extends Request {
  /** Set by ApiKeyGuard from the caller's API key, once per request. */
  tenant?: string;
  roles?: ApiKeyRole[];
}

export interface GatewayContext {
  req: GatewayRequest;
}

/** The caller's tenant, set by ApiKeyGuard. Every query is scoped by it. */
export const Tenant = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const tenant = GqlExecutionContext.create(context).getContext<GatewayContext>().req.tenant;
  if (!tenant) throw new Error('Tenant used on an unguarded resolver');
  return tenant;
});

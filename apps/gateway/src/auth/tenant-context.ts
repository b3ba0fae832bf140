import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';

export interface GatewayRequest extends Request {
  tenant?: string;
  roles?: string[];
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

import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request } from 'express';
import type { ApiKeyRole } from '@greenops/auth';

export interface GatewayRequest extends Request {
  /** Set by ApiKeyGuard from the caller's API key, once per request. */
  tenant?: string;
  roles?: ApiKeyRole[];
  /** Id of the caller's API key, for audit records. */
  keyId?: string;
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

/** Id of the caller's API key, set by ApiKeyGuard: who acted, in audit records. */
export const ActingKeyId = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const req = GqlExecutionContext.create(context).getContext<GatewayContext>().req;
  if (!req.tenant) throw new Error('ActingKeyId used on an unguarded resolver');
  return req.keyId ?? 'unknown';
});

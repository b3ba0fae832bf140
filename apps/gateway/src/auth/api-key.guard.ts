import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { GATEWAY_API_KEYS, type ApiKeyResolver } from '../gateway-queries.port';
import { apiKeyFromHeaders } from './request-credentials';
import type { GatewayContext } from './tenant-context';

@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(GATEWAY_API_KEYS) private readonly apiKeys: ApiKeyResolver) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = GqlExecutionContext.create(context).getContext<GatewayContext>().req;
    if (req.tenant) return true;
    const key = apiKeyFromHeaders(req.headers);
    if (!key)
      throw new UnauthorizedException(
        'Missing API key: send Authorization: Bearer <key> or x-api-key',
      );
    const tenant = await this.apiKeys.resolveTenant(key);
    if (!tenant) throw new UnauthorizedException('Invalid API key');
    req.tenant = tenant;
    return true;
  }
}

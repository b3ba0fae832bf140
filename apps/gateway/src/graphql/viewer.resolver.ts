import { UseGuards } from '@nestjs/common';
import { Context, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import type { GatewayContext } from '../auth/tenant-context';
import { Viewer } from './viewer.type';

/** The caller's tenant and roles, so a client shows only the actions the key may take. */
@Resolver(() => Viewer)
@UseGuards(ApiKeyGuard)
export class ViewerResolver {
  @Query(() => Viewer, { description: "The API key's tenant and roles." })
  viewer(@Context() context: GatewayContext): Viewer {
    const { tenant, roles } = context.req;
    if (!tenant || !roles) throw new Error('Viewer used on an unguarded resolver');
    return Object.assign(new Viewer(), { tenant, roles: [...roles] });
  }
}

import { Inject, UseGuards } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GATEWAY_QUERIES, type GatewayQueries } from '../gateway-queries.port';
import { checkCursor, pageSize } from './argument-checks';
import { ProjectionFailure, ProjectionFailureConnection } from './projection-failure.type';
import { pagedRoundTrip } from './round-trip-cost';

@Resolver(() => ProjectionFailure)
@UseGuards(ApiKeyGuard)
export class ProjectionFailuresResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @Query(() => ProjectionFailureConnection, {
    description:
      "Events of the caller's the projector did not count (bad payload, unusable factor set, methodology error, above the per-fact ceilings), newest first (first ≤ 100).",
    complexity: pagedRoundTrip(20, 100),
  })
  async projectionFailures(
    @Tenant() tenant: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ProjectionFailureConnection> {
    const cursor = after === undefined || after === null ? undefined : checkCursor('after', after);
    const page = await this.queries.projectionFailures(tenant, pageSize(first), cursor);
    return {
      nodes: page.nodes.map(({ cursor: _cursor, ...row }) =>
        Object.assign(new ProjectionFailure(), row),
      ),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}

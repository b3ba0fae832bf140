import { Inject, UseGuards } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GATEWAY_QUERIES, type GatewayQueries } from '../gateway-queries.port';
import { pageSize } from './argument-checks';
import { pagedRoundTrip } from './round-trip-cost';
import { RejectedSpan } from './rejected-span.type';

@Resolver(() => RejectedSpan)
@UseGuards(ApiKeyGuard)
export class RejectedSpansResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @Query(() => [RejectedSpan], {
    description: "The caller's most recently rejected spans, newest first (first ≤ 100).",
    complexity: pagedRoundTrip(20, 100),
  })
  async rejectedSpans(
    @Tenant() tenant: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<RejectedSpan[]> {
    const rows = await this.queries.rejectedSpans(tenant, pageSize(first));
    return rows.map((row) => Object.assign(new RejectedSpan(), row));
  }
}

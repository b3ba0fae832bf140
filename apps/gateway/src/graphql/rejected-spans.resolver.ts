import { BadRequestException, Inject, UseGuards } from '@nestjs/common';
import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GATEWAY_QUERIES, type GatewayQueries } from '../gateway-queries.port';
import { pageSize } from './cursor';
import { RejectedSpan } from './rejected-span.type';

@Resolver(() => RejectedSpan)
@UseGuards(ApiKeyGuard)
export class RejectedSpansResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @Query(() => [RejectedSpan], {
    description: "The caller's most recently rejected spans, newest first (first ≤ 100).",
    complexity: ({ args }) => 1 + Math.min(Number(args.first ?? 20), 100),
  })
  async rejectedSpans(
    @Tenant() tenant: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<RejectedSpan[]> {
    let size: number;
    try {
      size = pageSize(first);
    } catch (error) {
      throw new BadRequestException((error as Error).message);
    }
    const rows = await this.queries.rejectedSpans(tenant, size);
    return rows.map((row) => Object.assign(new RejectedSpan(), row));
  }
}

import { Inject, UseGuards } from '@nestjs/common';
import { Args, Int, ResolveField, Resolver } from '@nestjs/graphql';
import { MAX_INGEST_RATE_WINDOW_MINUTES } from '@greenops/persistence';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GATEWAY_QUERIES, type GatewayQueries } from '../gateway-queries.port';
import { GatewayError } from '../errors/gateway-error';
import { ProjectionStatus } from './factor-set.types';
import { IngestRate } from './ingest-rate.types';
import { oneRoundTrip } from './round-trip-cost';

const DEFAULT_WINDOW_MINUTES = 60;

/** ProjectionStatus.ingestRate: the tenant's accepted and rejected spans a minute, lately. */
@Resolver(() => ProjectionStatus)
@UseGuards(ApiKeyGuard)
export class IngestRateResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @ResolveField(() => IngestRate, {
    description: `Spans accepted and rejected a minute over the last windowMinutes (1–${MAX_INGEST_RATE_WINDOW_MINUTES}).`,
    complexity: oneRoundTrip,
  })
  async ingestRate(
    @Tenant() tenant: string,
    @Args('windowMinutes', { type: () => Int, defaultValue: DEFAULT_WINDOW_MINUTES })
    windowMinutes: number,
  ): Promise<IngestRate> {
    if (
      !Number.isInteger(windowMinutes) ||
      windowMinutes < 1 ||
      windowMinutes > MAX_INGEST_RATE_WINDOW_MINUTES
    ) {
      throw GatewayError.invalidArgument(
        'windowMinutes',
        `must be an integer from 1 to ${MAX_INGEST_RATE_WINDOW_MINUTES}`,
      );
    }
    const rate = await this.queries.ingestRate(tenant, windowMinutes, new Date().toISOString());
    return Object.assign(new IngestRate(), rate);
  }
}

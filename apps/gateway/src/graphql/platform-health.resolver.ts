import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { GATEWAY_INSTANCES, type ProjectorInstances } from '../gateway-queries.port';
import { PlatformHealth } from './platform-health.types';
import { oneRoundTrip } from './round-trip-cost';

/**
 * Which projector instance owns which partitions, and each partition's lag (docs/operations.md,
 * "See the consumer group"). Platform-wide, so admin only; embedded mode lists no instances.
 */
@Resolver(() => PlatformHealth)
@UseGuards(ApiKeyGuard)
export class PlatformHealthResolver {
  constructor(
    @Optional() @Inject(GATEWAY_INSTANCES) private readonly instances?: ProjectorInstances,
  ) {}

  @Query(() => PlatformHealth, {
    description: 'Projector instances, their partitions and lag (role: admin).',
    complexity: oneRoundTrip,
  })
  @RequireRole('admin')
  async platformHealth(): Promise<PlatformHealth> {
    const rows = (await this.instances?.list()) ?? [];
    return {
      projectors: rows.map((r) => ({
        instanceId: r.instanceId,
        host: r.host,
        group: r.group,
        state: r.state,
        partitions: r.partitions.map((p) => ({
          partition: p.partition,
          lag: p.lag,
          committedOffset: p.committedOffset,
          highWatermark: p.highWatermark,
        })),
        lastSeen: r.lastSeen.toISOString(),
        startedAt: r.startedAt.toISOString(),
        stale: r.stale,
      })),
    };
  }
}

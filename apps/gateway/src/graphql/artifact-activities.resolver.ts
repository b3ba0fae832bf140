import { Inject, UseGuards } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  DEFAULT_FACTOR_SET_VERSION,
  UnusableFactorSetError,
  type FactorSet,
  type FactorSetCatalog,
} from '@greenops/factors';
import { MAX_ACTIVITY_PAGE } from '@greenops/persistence';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import {
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_QUERIES,
  type GatewayQueries,
} from '../gateway-queries.port';
import { describeFactors } from './activity-factors';
import { checkCursor } from './argument-checks';
import { ArtifactActivity, ArtifactActivityConnection } from './artifact-activity.types';
import { Artifact } from './artifact.type';
import { pagedRoundTrip } from './round-trip-cost';

const DEFAULT_ACTIVITY_PAGE = 20;

/**
 * Artifact.activities: each activity of the artifact with its method tier and the factors it
 * was computed with (with their sources), energy and CO2e — the drill-down below the roll-up.
 */
@Resolver(() => Artifact)
@UseGuards(ApiKeyGuard)
export class ArtifactActivitiesResolver {
  constructor(
    @Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries,
    @Inject(GATEWAY_FACTOR_CATALOG) private readonly catalog: FactorSetCatalog,
  ) {}

  @ResolveField(() => ArtifactActivityConnection, {
    description: `The artifact's own activities (not those of artifacts feeding it), oldest first, with method tier and factors (first ≤ ${MAX_ACTIVITY_PAGE}).`,
    complexity: pagedRoundTrip(DEFAULT_ACTIVITY_PAGE, MAX_ACTIVITY_PAGE),
  })
  async activities(
    @Tenant() tenant: string,
    @Parent() artifact: Artifact,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ArtifactActivityConnection> {
    const size = first ?? DEFAULT_ACTIVITY_PAGE;
    if (!Number.isInteger(size) || size < 1 || size > MAX_ACTIVITY_PAGE) {
      throw GatewayError.invalidArgument('first', `must be an integer 1–${MAX_ACTIVITY_PAGE}`);
    }
    const cursor = after === undefined || after === null ? null : checkCursor('after', after);
    const page = await this.queries.artifactActivities(
      tenant,
      artifact.projectId,
      artifact.id,
      size,
      cursor,
    );
    const sets = new Map<string, Promise<FactorSet | null>>();
    const setOf = (version: string) => {
      let set = sets.get(version);
      if (!set) {
        set = this.catalog
          .get(tenant, version === DEFAULT_FACTOR_SET_VERSION ? null : version)
          .catch((error: unknown) => {
            // A set that cannot be read any more still names its factors by id.
            if (error instanceof UnusableFactorSetError) return null;
            throw error;
          });
        sets.set(version, set);
      }
      return set;
    };
    const nodes = await Promise.all(
      page.rows.map(async (r) =>
        Object.assign(new ArtifactActivity(), {
          eventId: r.eventId,
          kind: r.kind,
          occurredAt: r.occurredAt,
          tier: r.tier,
          modelId: r.modelId,
          scope: r.scope,
          category: r.category,
          methodologyVersion: r.methodologyVersion,
          factorSetVersion: r.factorSetVersion,
          factors: describeFactors(r.factorIds, await setOf(r.factorSetVersion)),
          pue: r.pue,
          intensityGPerKwh: r.intensityGPerKwh,
          energyKwh: r.energyKwh,
          energyLowKwh: r.energyLowKwh,
          energyHighKwh: r.energyHighKwh,
          co2eG: r.co2eG,
          lowG: r.co2eLowG,
          highG: r.co2eHighG,
          co2eMarketG: r.co2eMarketG,
        }),
      ),
    );
    return Object.assign(new ArtifactActivityConnection(), {
      nodes,
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    });
  }
}

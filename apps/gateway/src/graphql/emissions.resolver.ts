import { Inject, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant, type GatewayContext } from '../auth/tenant-context';
import { loadArtifactTotals } from './artifact-totals.loader';
import { GATEWAY_QUERIES, type ArtifactRow, type GatewayQueries } from '../gateway-queries.port';
import { Artifact } from './artifact.type';
import { ArtifactConnection } from './artifact-connection.type';
import { checkCursor, checkId, checkText, MAX_ID_CHARS, pageSize } from './argument-checks';
import { oneRoundTrip, pagedRoundTrip, SQL_ROUND_TRIP_COST } from './round-trip-cost';
import { Emissions } from './emissions.type';
import { Project } from './project.type';
import { DailyEmissions } from './daily-emissions.type';
import { ScopeEmissions } from './scope-emissions.type';
import { SciFunctionalUnitInput, SciScore } from './sci-score.types';
import { sciPerUnit } from '@greenops/methodology';
import { GatewayError } from '../errors/gateway-error';

const MAX_DAILY_WINDOW_DAYS = 366;
const MAX_STATUSES = 20;

function toArtifact(row: ArtifactRow): Artifact {
  return Object.assign(new Artifact(), row);
}

@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class ProjectResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @Query(() => Project, {
    nullable: true,
    description: "A project of the caller's tenant.",
    complexity: oneRoundTrip,
  })
  async project(
    @Tenant() tenant: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Project | null> {
    const totals = await this.queries.projectTotals(tenant, checkId('id', id));
    if (!totals) return null;
    return Object.assign(new Project(), { id, emissions: Emissions.from(totals) });
  }

  @ResolveField(() => ArtifactConnection, {
    complexity: pagedRoundTrip(20, 100),
  })
  async artifacts(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ArtifactConnection> {
    const size = pageSize(first);
    const cursor = after === undefined || after === null ? undefined : checkCursor('after', after);
    const page = await this.queries.listArtifacts(tenant, project.id, size, cursor);
    const edges = page.nodes.map(({ cursor, ...row }) => ({ cursor, node: toArtifact(row) }));
    return {
      nodes: edges.map((edge) => edge.node),
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @ResolveField(() => [ScopeEmissions], {
    description: 'Totals by GHG Protocol scope and category.',
    complexity: oneRoundTrip,
  })
  async byScope(@Tenant() tenant: string, @Parent() project: Project): Promise<ScopeEmissions[]> {
    const rows = await this.queries.projectTotalsByScope(tenant, project.id);
    return rows.map((row) =>
      Object.assign(new ScopeEmissions(), {
        scope: row.scope,
        category: row.category,
        activityCount: row.activityCount,
        emissions: Emissions.from(row),
      }),
    );
  }

  @ResolveField(() => SciScore, {
    description:
      'SCI of the project: its carbon (operational + embodied + training) per functional unit.',
    complexity: oneRoundTrip,
  })
  async sci(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('per', { type: () => SciFunctionalUnitInput }) per: SciFunctionalUnitInput,
  ): Promise<SciScore> {
    const byArtifacts = per.artifactKind !== undefined && per.artifactKind !== null;
    const byQuantity = per.quantity !== undefined && per.quantity !== null;
    if (byArtifacts === byQuantity) {
      throw GatewayError.invalidArgument('per', 'give either artifactKind or unit and quantity');
    }
    if (byQuantity && !per.unit?.trim())
      throw GatewayError.invalidArgument('per.unit', 'name the unit of the quantity');
    if (byArtifacts) {
      checkId('per.artifactKind', per.artifactKind!);
      const statuses = per.artifactStatuses ?? [];
      if (statuses.length > MAX_STATUSES) {
        throw GatewayError.invalidArgument(
          'per.artifactStatuses',
          `at most ${MAX_STATUSES} statuses`,
        );
      }
      statuses.forEach((status, i) => checkId(`per.artifactStatuses[${i}]`, status));
    } else {
      checkText('per.unit', per.unit!, MAX_ID_CHARS);
    }
    const quantity = byArtifacts
      ? await this.queries.countArtifacts(
          tenant,
          project.id,
          per.artifactKind!,
          per.artifactStatuses ?? [],
        )
      : per.quantity!;
    const functionalUnit = byArtifacts
      ? `artifact of kind ${per.artifactKind}${per.artifactStatuses?.length ? ` (${per.artifactStatuses.join('/')})` : ''}`
      : per.unit!.trim();
    const e = project.emissions;
    const field = byArtifacts ? 'per.artifactKind' : 'per.quantity';
    const location = sciPerUnit({ low: e.lowG, nominal: e.co2eG, high: e.highG }, quantity, field);
    const market = sciPerUnit(
      { low: e.co2eMarketG, nominal: e.co2eMarketG, high: e.co2eMarketG },
      quantity,
      field,
    );
    return Object.assign(new SciScore(), {
      functionalUnit,
      quantity,
      co2eGPerUnit: location.nominal,
      lowGPerUnit: location.low,
      highGPerUnit: location.high,
      co2eMarketGPerUnit: market.nominal,
    });
  }

  @ResolveField(() => [DailyEmissions], {
    description: `Daily totals (UTC) for days in [from, to); at most ${MAX_DAILY_WINDOW_DAYS} days.`,
    // Two round trips on TimescaleDB: refresh the window of the continuous aggregate, then read.
    complexity: ({ childComplexity }) => 2 * SQL_ROUND_TRIP_COST + childComplexity,
  })
  async daily(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('from', { type: () => String, description: 'ISO 8601 instant' }) from: string,
    @Args('to', { type: () => String, description: 'ISO 8601 instant (exclusive)' }) to: string,
  ): Promise<DailyEmissions[]> {
    const fromMs = Date.parse(from);
    const toMs = Date.parse(to);
    if (Number.isNaN(fromMs))
      throw GatewayError.invalidArgument('from', 'must be an ISO 8601 instant');
    if (Number.isNaN(toMs)) throw GatewayError.invalidArgument('to', 'must be an ISO 8601 instant');
    if (toMs <= fromMs) throw GatewayError.invalidArgument('to', 'must be after from');
    if (toMs - fromMs > MAX_DAILY_WINDOW_DAYS * 86_400_000) {
      throw GatewayError.invalidArgument(
        'to',
        `the window may span at most ${MAX_DAILY_WINDOW_DAYS} days`,
      );
    }
    const rows = await this.queries.dailyProjectTotals(tenant, project.id, from, to);
    return rows.map((row) => Object.assign(new DailyEmissions(), row));
  }
}

@Resolver(() => Artifact)
@UseGuards(ApiKeyGuard)
export class ArtifactResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @Query(() => Artifact, {
    nullable: true,
    description: 'An artifact and the roll-up of everything that feeds into it.',
    complexity: oneRoundTrip,
  })
  async artifact(
    @Tenant() tenant: string,
    @Args('projectId', { type: () => ID }) projectId: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Artifact | null> {
    const row = await this.queries.artifact(
      tenant,
      checkId('projectId', projectId),
      checkId('id', id),
    );
    return row ? toArtifact(row) : null;
  }

  // The roll-up is one round trip per artifact (shared with activityCount in one request).
  @ResolveField(() => Emissions, { complexity: oneRoundTrip })
  async emissions(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() artifact: Artifact,
  ): Promise<Emissions> {
    return Emissions.from(
      await loadArtifactTotals(context.req, this.queries, tenant, artifact.projectId, artifact.id),
    );
  }

  @ResolveField(() => Int, { complexity: SQL_ROUND_TRIP_COST })
  async activityCount(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() artifact: Artifact,
  ): Promise<number> {
    return (
      await loadArtifactTotals(context.req, this.queries, tenant, artifact.projectId, artifact.id)
    ).activityCount;
  }
}

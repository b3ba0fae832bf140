import { BadRequestException, Inject, UseGuards } from '@nestjs/common';
import { Args, Context, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant, type GatewayContext } from '../auth/tenant-context';
import { loadArtifactTotals } from './artifact-totals.loader';
import { GATEWAY_QUERIES, type ArtifactRow, type GatewayQueries } from '../gateway-queries.port';
import { Artifact } from './artifact.type';
import { ArtifactConnection } from './artifact-connection.type';
import { pageSize } from './cursor';
import { Emissions } from './emissions.type';
import { Project } from './project.type';
import { DailyEmissions } from './daily-emissions.type';
import { ScopeEmissions } from './scope-emissions.type';
import { SciFunctionalUnitInput, SciScore } from './sci-score.types';
import { sciPerUnit } from '@greenops/methodology';

const MAX_DAILY_WINDOW_DAYS = 366;

const IDENTIFIER_MAX = 200;

function checkId(field: string, value: string): string {
  if (value.length === 0 || value.length > IDENTIFIER_MAX) {
    throw new BadRequestException(`${field}: must be 1–${IDENTIFIER_MAX} characters`);
  }
  return value;
}

function toArtifact(row: ArtifactRow): Artifact {
  return Object.assign(new Artifact(), row);
}

@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class ProjectResolver {
  constructor(@Inject(GATEWAY_QUERIES) private readonly queries: GatewayQueries) {}

  @Query(() => Project, { nullable: true, description: "A project of the caller's tenant." })
  async project(
    @Tenant() tenant: string,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<Project | null> {
    const totals = await this.queries.projectTotals(tenant, checkId('id', id));
    if (!totals) return null;
    return Object.assign(new Project(), { id, emissions: Emissions.from(totals) });
  }

  @ResolveField(() => ArtifactConnection, {
    complexity: ({ args, childComplexity }) =>
      1 + Math.min(Number(args.first ?? 20), 100) * childComplexity,
  })
  async artifacts(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ArtifactConnection> {
    let size: number;
    try {
      size = pageSize(first);
    } catch (error) {
      throw new BadRequestException((error as Error).message);
    }
    const page = await this.queries.listArtifacts(tenant, project.id, size, after ?? undefined);
    const edges = page.nodes.map(({ cursor, ...row }) => ({ cursor, node: toArtifact(row) }));
    return {
      nodes: edges.map((edge) => edge.node),
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }

  @ResolveField(() => [ScopeEmissions], {
    description: 'Totals by GHG Protocol scope and category.',
    complexity: 10,
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
    complexity: 10,
  })
  async sci(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('per', { type: () => SciFunctionalUnitInput }) per: SciFunctionalUnitInput,
  ): Promise<SciScore> {
    const byArtifacts = per.artifactKind !== undefined && per.artifactKind !== null;
    const byQuantity = per.quantity !== undefined && per.quantity !== null;
    if (byArtifacts === byQuantity) {
      throw new BadRequestException('per: give either artifactKind or unit and quantity');
    }
    if (byQuantity && !per.unit?.trim())
      throw new BadRequestException('per.unit: name the unit of the quantity');
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
    complexity: 10,
  })
  async daily(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('from', { type: () => String, description: 'ISO 8601 instant' }) from: string,
    @Args('to', { type: () => String, description: 'ISO 8601 instant (exclusive)' }) to: string,
  ): Promise<DailyEmissions[]> {
    const fromMs = Date.parse(from);
    const toMs = Date.parse(to);
    if (Number.isNaN(fromMs)) throw new BadRequestException('from: must be an ISO 8601 instant');
    if (Number.isNaN(toMs)) throw new BadRequestException('to: must be an ISO 8601 instant');
    if (toMs <= fromMs) throw new BadRequestException('to: must be after from');
    if (toMs - fromMs > MAX_DAILY_WINDOW_DAYS * 86_400_000) {
      throw new BadRequestException(
        `to: the window may span at most ${MAX_DAILY_WINDOW_DAYS} days`,
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

  @ResolveField(() => Emissions)
  async emissions(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() artifact: Artifact,
  ): Promise<Emissions> {
    return Emissions.from(
      await loadArtifactTotals(context.req, this.queries, tenant, artifact.projectId, artifact.id),
    );
  }

  @ResolveField(() => Int)
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

import { Inject, UseGuards } from '@nestjs/common';
import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { FactorSetCatalog } from '@greenops/factors';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant, type GatewayContext } from '../auth/tenant-context';
import {
  GATEWAY_FACTOR_CATALOG,
  GATEWAY_FACTOR_SETS,
  GATEWAY_QUERIES,
  type FactorSetAdmin,
  type GatewayQueries,
} from '../gateway-queries.port';
import { loadProjectStatement, type StatementSources } from '../reports/project-statement';
import {
  DataQuality,
  MethodologyStatement,
  toMethodologyStatement,
} from './methodology-statement.types';
import { Project } from './project.type';
import { SQL_ROUND_TRIP_COST } from './round-trip-cost';

/** Facts grouped, versions listed, and the tenant's factor-set state: three round trips. */
const STATEMENT_COST = 3 * SQL_ROUND_TRIP_COST;

/** Data quality and the methodological statement of a project (docs/methodology.md). */
@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class ProjectStatementResolver {
  private readonly sources: StatementSources;

  constructor(
    @Inject(GATEWAY_QUERIES) queries: GatewayQueries,
    @Inject(GATEWAY_FACTOR_SETS) factorSets: FactorSetAdmin,
    @Inject(GATEWAY_FACTOR_CATALOG) catalog: FactorSetCatalog,
  ) {
    this.sources = { queries, factorSets, catalog };
  }

  @ResolveField(() => DataQuality, {
    description:
      'Shares of the nominal location-based total that are measured, modelled and proxy (Carbon Trust 2026, Table 7 hierarchy).',
    complexity: ({ childComplexity }) => STATEMENT_COST + childComplexity,
  })
  async dataQuality(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() project: Project,
  ): Promise<DataQuality> {
    return (await loadProjectStatement(context.req, this.sources, tenant, project.id)).dataQuality;
  }

  @ResolveField(() => MethodologyStatement, {
    description:
      'The methodological statement (Carbon Trust 2026 §7.7, §8.2): methods, factors with sources, training option, assumptions, exclusions, uncertainty. Also at GET /reports/projects/{id}/statement.json and .md.',
    complexity: ({ childComplexity }) => STATEMENT_COST + childComplexity,
  })
  async methodologyStatement(
    @Tenant() tenant: string,
    @Context() context: GatewayContext,
    @Parent() project: Project,
  ): Promise<MethodologyStatement> {
    return toMethodologyStatement(
      await loadProjectStatement(context.req, this.sources, tenant, project.id),
    );
  }
}

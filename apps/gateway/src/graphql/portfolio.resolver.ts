import { Inject, Optional, UseGuards } from '@nestjs/common';
import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { EventLogPublisher } from '@greenops/messaging';
import type { ProjectSummary } from '@greenops/persistence';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import { GATEWAY_INSIGHTS, GATEWAY_PUBLISHER, type InsightsReads } from '../gateway-queries.port';
import { checkCursor, checkId, pageSize } from './argument-checks';
import { Emissions } from './emissions.type';
import {
  DeclareProjectInput,
  ProjectConnection,
  ProjectDeclaration,
  ProjectDeclarationReceipt,
  ProjectFilter,
  ProjectOrder,
  type ProductionTypeValue,
} from './portfolio.types';
import { checkDeclaration, projectDeclaration } from './project-declaration';
import { Project } from './project.type';
import { oneRoundTrip, pagedRoundTrip } from './round-trip-cost';

function toDeclaration(summary: ProjectSummary | null): ProjectDeclaration | null {
  if (!summary || !summary.declared || !summary.name || !summary.productionType) return null;
  return Object.assign(new ProjectDeclaration(), {
    name: summary.name,
    productionType: summary.productionType as ProductionTypeValue,
    finishedMinutes: summary.finishedMinutes,
    shootDays: summary.shootDays,
    episodes: summary.episodes,
    country: summary.country,
    startDate: summary.startDate,
    endDate: summary.endDate,
    tags: summary.tags,
    declaredAt: summary.declaredAt,
  });
}

/**
 * Projects as a portfolio (docs/insights.md): declareProject appends a ProjectDeclared event;
 * projects(...) lists declared and undeclared projects with their totals.
 */
@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class PortfolioResolver {
  constructor(
    @Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads,
    @Optional() @Inject(GATEWAY_PUBLISHER) private readonly publisher?: EventLogPublisher,
  ) {}

  @Mutation(() => ProjectDeclarationReceipt, {
    description:
      "Declares (or re-declares) a project of the caller's tenant (role: admin). The latest declaration is in force once the projector has read it.",
  })
  @RequireRole('admin')
  async declareProject(
    @Tenant() tenant: string,
    @Args('input', { type: () => DeclareProjectInput }) input: DeclareProjectInput,
  ): Promise<ProjectDeclarationReceipt> {
    const projectId = checkId('input.id', input.id);
    const declaration = checkDeclaration(input);
    if (!this.publisher) {
      throw new GatewayError(
        'EVENT_LOG_UNAVAILABLE',
        'Declaring projects needs the event log (set GREENOPS_KAFKA_BROKERS)',
      );
    }
    const { event, record } = projectDeclaration(tenant, projectId, declaration, new Date());
    await this.publisher.publish([record]);
    return Object.assign(new ProjectDeclarationReceipt(), {
      projectId,
      eventId: event.id,
      declaredAt: event.occurredAt,
    });
  }

  @Query(() => ProjectConnection, {
    description:
      "The caller's projects: every declared project and every project spans named, with totals.",
    complexity: pagedRoundTrip(20, 100),
  })
  async projects(
    @Tenant() tenant: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('orderBy', { type: () => ProjectOrder, nullable: true }) orderBy?: ProjectOrder,
    @Args('filter', { type: () => ProjectFilter, nullable: true }) filter?: ProjectFilter,
  ): Promise<ProjectConnection> {
    const size = pageSize(first);
    const cursor = after === undefined || after === null ? undefined : checkCursor('after', after);
    const tag = filter?.tag ?? undefined;
    if (tag !== undefined) checkId('filter.tag', tag);
    const page = await this.insights.portfolio.listProjects(tenant, {
      first: size,
      after: cursor,
      orderBy: orderBy ?? ProjectOrder.ID,
      filter: {
        productionType: filter?.productionType ?? undefined,
        tag,
        activeFrom: filter?.activeBetween?.from,
        activeTo: filter?.activeBetween?.to,
      },
    });
    const edges = page.nodes.map(({ cursor: nodeCursor, ...summary }) => ({
      cursor: nodeCursor,
      node: Object.assign(new Project(), {
        id: summary.id,
        emissions: Emissions.from(summary.totals),
        summary,
      }),
    }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  @ResolveField(() => ProjectDeclaration, {
    nullable: true,
    description: 'The latest declaration; null for a project only spans named.',
    complexity: oneRoundTrip,
  })
  async declaration(
    @Tenant() tenant: string,
    @Parent() project: Project,
  ): Promise<ProjectDeclaration | null> {
    if (project.summary !== undefined) return toDeclaration(project.summary);
    return toDeclaration(await this.insights.portfolio.project(tenant, project.id));
  }
}

import { Inject, UseGuards } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { projectKpis } from '@greenops/methodology';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import { GATEWAY_INSIGHTS, type InsightsReads } from '../gateway-queries.port';
import {
  FinishedMinutesSource,
  ProjectKpis,
  SeriesBucketValue,
  SeriesDimensionValue,
  SeriesPoint,
} from './project-kpis.types';
import { Project } from './project.type';
import { SQL_ROUND_TRIP_COST } from './round-trip-cost';

/** Longest series window per bucket: at most a few hundred buckets per key. */
const MAX_SERIES_DAYS: Record<SeriesBucketValue, number> = {
  DAY: 366,
  WEEK: 5 * 366,
  MONTH: 10 * 366,
};
const DAY_MS = 86_400_000;

function instant(field: string, value: string | null | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Number.isNaN(Date.parse(value))) {
    throw GatewayError.invalidArgument(field, 'must be an ISO 8601 instant');
  }
  return value;
}

/** Project.kpis and Project.series (docs/insights.md). */
@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class ProjectKpisResolver {
  constructor(@Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads) {}

  @ResolveField(() => ProjectKpis, {
    description:
      'KPIs for facts in [from, to) (either end open when omitted): per finished minute and shoot day, GPU-hours, storage and transfer intensity, generated media, iteration, by scope, kind and data quality.',
    // Six round trips, one read of the connection.
    complexity: ({ childComplexity }) => 6 * SQL_ROUND_TRIP_COST + childComplexity,
  })
  async kpis(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('from', { type: () => String, nullable: true, description: 'ISO 8601 instant' })
    from?: string,
    @Args('to', { type: () => String, nullable: true, description: 'ISO 8601 instant (exclusive)' })
    to?: string,
  ): Promise<ProjectKpis> {
    const inputs = await this.insights.kpis.kpiInputs(
      tenant,
      project.id,
      instant('from', from),
      instant('to', to),
    );
    const kpis = projectKpis(inputs);
    return Object.assign(new ProjectKpis(), {
      ...kpis,
      finishedMinutesSource:
        kpis.finishedMinutesSource === null
          ? null
          : FinishedMinutesSource[kpis.finishedMinutesSource],
    });
  }

  @ResolveField(() => [SeriesPoint], {
    description: `Sums per UTC bucket and activity kind or GHG scope, for facts in [from, to); at most ${MAX_SERIES_DAYS.DAY} days of DAY buckets, ${MAX_SERIES_DAYS.WEEK} of WEEK, ${MAX_SERIES_DAYS.MONTH} of MONTH.`,
    complexity: ({ childComplexity }) => SQL_ROUND_TRIP_COST + childComplexity,
  })
  async series(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('bucket', { type: () => SeriesBucketValue }) bucket: SeriesBucketValue,
    @Args('from', { type: () => String, description: 'ISO 8601 instant' }) from: string,
    @Args('to', { type: () => String, description: 'ISO 8601 instant (exclusive)' }) to: string,
    @Args('by', { type: () => SeriesDimensionValue, nullable: true, defaultValue: 'KIND' })
    by: SeriesDimensionValue,
  ): Promise<SeriesPoint[]> {
    const fromMs = Date.parse(instant('from', from)!);
    const toMs = Date.parse(instant('to', to)!);
    if (toMs <= fromMs) throw GatewayError.invalidArgument('to', 'must be after from');
    if (toMs - fromMs > MAX_SERIES_DAYS[bucket] * DAY_MS) {
      throw GatewayError.invalidArgument(
        'to',
        `${bucket} buckets cover at most ${MAX_SERIES_DAYS[bucket]} days`,
      );
    }
    const points = await this.insights.kpis.series(tenant, project.id, bucket, by, from, to);
    return points.map((p) => Object.assign(new SeriesPoint(), p));
  }
}

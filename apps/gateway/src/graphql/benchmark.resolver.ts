import { Inject, UseGuards } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  benchmarkValue,
  distribution,
  standing,
  type BenchmarkKpi,
  type BenchmarkProject,
} from '@greenops/methodology';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Tenant } from '../auth/tenant-context';
import { GATEWAY_INSIGHTS, type InsightsReads } from '../gateway-queries.port';
import { BenchmarkDistribution, BenchmarkKpiValue, ProjectBenchmark } from './benchmark.types';
import { ProductionTypeValue } from './portfolio.types';
import { Project } from './project.type';
import { oneRoundTrip, SQL_ROUND_TRIP_COST } from './round-trip-cost';

function values(kpi: BenchmarkKpi, cohort: readonly BenchmarkProject[]): number[] {
  return cohort.map((p) => benchmarkValue(kpi, p)).filter((v): v is number => v !== null);
}

function toDistribution(
  kpi: BenchmarkKpiValue,
  productionType: ProductionTypeValue,
  cohort: readonly BenchmarkProject[],
): BenchmarkDistribution {
  return Object.assign(new BenchmarkDistribution(), {
    kpi,
    productionType,
    ...distribution(values(kpi, cohort)),
  });
}

/** Benchmarks within the caller's tenant (docs/insights.md §4). */
@Resolver(() => Project)
@UseGuards(ApiKeyGuard)
export class BenchmarkResolver {
  constructor(@Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads) {}

  @Query(() => BenchmarkDistribution, {
    description: "A KPI's distribution among the caller's declared projects of a production type.",
    complexity: oneRoundTrip,
  })
  async benchmarks(
    @Tenant() tenant: string,
    @Args('kpi', { type: () => BenchmarkKpiValue }) kpi: BenchmarkKpiValue,
    @Args('productionType', { type: () => ProductionTypeValue })
    productionType: ProductionTypeValue,
  ): Promise<BenchmarkDistribution> {
    const cohort = await this.insights.benchmarks.cohort(tenant, productionType);
    return toDistribution(kpi, productionType, cohort);
  }

  @ResolveField(() => ProjectBenchmark, {
    nullable: true,
    description:
      "The project's rank and percentile among the tenant's projects of its declared production type; null when undeclared.",
    complexity: ({ childComplexity }) => 2 * SQL_ROUND_TRIP_COST + childComplexity,
  })
  async benchmark(
    @Tenant() tenant: string,
    @Parent() project: Project,
    @Args('kpi', { type: () => BenchmarkKpiValue }) kpi: BenchmarkKpiValue,
  ): Promise<ProjectBenchmark | null> {
    const type =
      project.summary !== undefined
        ? (project.summary?.productionType ?? null)
        : await this.insights.benchmarks.productionType(tenant, project.id);
    if (type === null) return null;
    const productionType = type as ProductionTypeValue;
    const cohort = await this.insights.benchmarks.cohort(tenant, productionType);
    const own = cohort.find((p) => p.projectId === project.id);
    const value = own ? benchmarkValue(kpi, own) : null;
    return Object.assign(new ProjectBenchmark(), {
      ...standing(value, values(kpi, cohort)),
      cohort: toDistribution(kpi, productionType, cohort),
    });
  }
}

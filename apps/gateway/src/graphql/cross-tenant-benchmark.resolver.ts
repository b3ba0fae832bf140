import { Inject, UseGuards } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { INDUSTRY_REFERENCES, industryReferencesFor } from '@greenops/factors';
import {
  anonymisedDistribution,
  benchmarkValue,
  percentileAmongBands,
  tenantContribution,
  type BenchmarkKpi,
  type BenchmarkProject,
} from '@greenops/methodology';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RequireRole } from '../auth/require-role.decorator';
import { ActingKeyId, Tenant } from '../auth/tenant-context';
import { GatewayError } from '../errors/gateway-error';
import { GATEWAY_INSIGHTS, type InsightsReads } from '../gateway-queries.port';
import { BenchmarkKpiValue } from './benchmark.types';
import {
  BenchmarkBandType,
  BenchmarkSharing,
  CrossTenantBenchmark,
  OwnProjectStanding,
} from './cross-tenant-benchmark.types';
import { IndustryReferenceType } from './industry-reference.type';
import { ProductionTypeValue } from './portfolio.types';
import { oneRoundTrip, SQL_ROUND_TRIP_COST } from './round-trip-cost';

/** The caller's projects listed with their standing; a tenant's cohort is bounded anyway. */
const MAX_OWN_PROJECTS = 1000;

/** One value per contributing tenant: the median of its projects that have one. */
function contributions(
  kpi: BenchmarkKpi,
  rows: ReadonlyArray<Omit<BenchmarkProject, 'projectId'> & { contributor: number }>,
): number[] {
  const byTenant = new Map<number, number[]>();
  for (const row of rows) {
    const value = benchmarkValue(kpi, row);
    if (value === null) continue;
    const values = byTenant.get(row.contributor) ?? [];
    values.push(value);
    byTenant.set(row.contributor, values);
  }
  return [...byTenant.values()].map((v) => tenantContribution(v)!);
}

/**
 * Cross-tenant, anonymised benchmarks (docs/insights.md §4.2): opt-in per tenant, nothing under
 * 5 tenants, only means of bands of ≥ 3 tenants; never another tenant's id, name or figure.
 */
@Resolver(() => CrossTenantBenchmark)
@UseGuards(ApiKeyGuard)
export class CrossTenantBenchmarkResolver {
  constructor(@Inject(GATEWAY_INSIGHTS) private readonly insights: InsightsReads) {}

  @Query(() => BenchmarkSharing, { complexity: oneRoundTrip })
  async benchmarkSharing(@Tenant() tenant: string): Promise<BenchmarkSharing> {
    return Object.assign(new BenchmarkSharing(), await this.insights.sharing.sharing(tenant));
  }

  @Mutation(() => BenchmarkSharing, {
    description:
      "Opts the caller's tenant in or out of cross-tenant benchmarks (role: admin); effective at once, audited with the key.",
  })
  @RequireRole('admin')
  async setBenchmarkSharing(
    @Tenant() tenant: string,
    @ActingKeyId() keyId: string,
    @Args('optIn', { type: () => Boolean }) optIn: boolean,
  ): Promise<BenchmarkSharing> {
    if (typeof optIn !== 'boolean')
      throw GatewayError.invalidArgument('optIn', 'must be a boolean');
    const state = await this.insights.sharing.setSharing(tenant, optIn, keyId, new Date());
    return Object.assign(new BenchmarkSharing(), state);
  }

  @Query(() => [IndustryReferenceType], {
    description:
      'Published industry figures (source, year, unit, what they measure); of one production type when given.',
  })
  industryReferences(
    @Args('productionType', { type: () => ProductionTypeValue, nullable: true })
    productionType?: ProductionTypeValue | null,
  ): IndustryReferenceType[] {
    const refs = productionType ? industryReferencesFor(productionType) : INDUSTRY_REFERENCES;
    return refs.map((r) => IndustryReferenceType.from(r));
  }

  @Query(() => CrossTenantBenchmark, {
    description:
      "A KPI's anonymised distribution among the opted-in tenants' projects of a production type, with where the caller's own projects sit.",
    complexity: 3 * SQL_ROUND_TRIP_COST,
  })
  async crossTenantBenchmarks(
    @Tenant() tenant: string,
    @Args('kpi', { type: () => BenchmarkKpiValue }) kpi: BenchmarkKpiValue,
    @Args('productionType', { type: () => ProductionTypeValue })
    productionType: ProductionTypeValue,
  ): Promise<CrossTenantBenchmark> {
    const [sharing, own] = await Promise.all([
      this.insights.sharing.sharing(tenant),
      this.insights.benchmarks.cohort(tenant, productionType),
    ]);
    const rows = sharing.optedIn
      ? await this.insights.sharing.contributions(tenant, productionType)
      : [];
    const distribution = anonymisedDistribution(contributions(kpi, rows));
    const ownValues = own.map((p) => benchmarkValue(kpi, p));
    const ownContribution = tenantContribution(ownValues.filter((v): v is number => v !== null));
    const place = (value: number | null) =>
      value === null || distribution === null ? null : percentileAmongBands(distribution, value);
    return Object.assign(new CrossTenantBenchmark(), {
      kpi,
      productionType,
      optedIn: sharing.optedIn,
      tenantCount: distribution?.tenantCount ?? null,
      bands: (distribution?.bands ?? []).map((b) => Object.assign(new BenchmarkBandType(), b)),
      bestBand: distribution?.bestBand ?? null,
      q1: distribution?.q1 ?? null,
      median: distribution?.median ?? null,
      q3: distribution?.q3 ?? null,
      worstBand: distribution?.worstBand ?? null,
      ownContribution,
      ownPercentile: place(ownContribution),
      ownProjects: own.slice(0, MAX_OWN_PROJECTS).map((p, i) =>
        Object.assign(new OwnProjectStanding(), {
          projectId: p.projectId,
          value: ownValues[i],
          percentile: place(ownValues[i]),
        }),
      ),
      references: industryReferencesFor(productionType).map((r) => IndustryReferenceType.from(r)),
    });
  }
}

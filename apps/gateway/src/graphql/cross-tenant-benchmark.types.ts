import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { BenchmarkKpiValue } from './benchmark.types';
import { IndustryReferenceType } from './industry-reference.type';
import { ProductionTypeValue } from './portfolio.types';

@ObjectType({ description: "Whether the caller's tenant shares in cross-tenant benchmarks." })
export class BenchmarkSharing {
  @Field(() => Boolean)
  optedIn!: boolean;

  @Field(() => String, { nullable: true, description: 'When it last changed (null: never set).' })
  changedAt!: string | null;
}

@ObjectType('BenchmarkBand', {
  description:
    'A disjoint run of ranks of the cohort (at least 3 tenants) and the mean of their contributions.',
})
export class BenchmarkBandType {
  @Field(() => Float, { description: 'Share of the tenants ranked below the band, 0–100.' })
  fromPercentile!: number;

  @Field(() => Float, { description: 'Share ranked below or in the band, 0–100.' })
  toPercentile!: number;

  @Field(() => Int)
  tenantCount!: number;

  @Field(() => Float)
  meanValue!: number;
}

@ObjectType({ description: "One of the caller's projects placed among the bands." })
export class OwnProjectStanding {
  @Field(() => ID)
  projectId!: string;

  @Field(() => Float, { nullable: true, description: 'Its KPI value (null: no denominator).' })
  value!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Where it sits among the band means, 0–100 (null: no value or no cohort).',
  })
  percentile!: number | null;
}

@ObjectType({
  description:
    "A KPI's anonymised distribution among opted-in tenants (docs/insights.md §4.2): one contribution per tenant (its median project), nothing under 5 tenants, only means of bands of ≥ 3 tenants.",
})
export class CrossTenantBenchmark {
  @Field(() => BenchmarkKpiValue)
  kpi!: BenchmarkKpiValue;

  @Field(() => ProductionTypeValue)
  productionType!: ProductionTypeValue;

  @Field(() => Boolean, { description: 'Only tenants that share may read the cohort.' })
  optedIn!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Tenants contributing; null when fewer than 5 (then nothing else is given).',
  })
  tenantCount!: number | null;

  @Field(() => [BenchmarkBandType])
  bands!: BenchmarkBandType[];

  @Field(() => Float, { nullable: true, description: 'Mean of the best (lowest) band.' })
  bestBand!: number | null;

  @Field(() => Float, { nullable: true })
  q1!: number | null;

  @Field(() => Float, { nullable: true })
  median!: number | null;

  @Field(() => Float, { nullable: true })
  q3!: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of the worst (highest) band.' })
  worstBand!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "The caller's own contribution: the median of its projects' values.",
  })
  ownContribution!: number | null;

  @Field(() => Float, { nullable: true, description: 'Where the own contribution sits, 0–100.' })
  ownPercentile!: number | null;

  @Field(() => [OwnProjectStanding], { description: "The caller's projects of the type." })
  ownProjects!: OwnProjectStanding[];

  @Field(() => [IndustryReferenceType], {
    description: 'Published figures about this production type, beside (never in) the statistics.',
  })
  references!: IndustryReferenceType[];
}

import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ProductionTypeValue } from './portfolio.types';

export enum BenchmarkKpiValue {
  CO2E_TOTAL = 'CO2E_TOTAL',
  G_PER_FINISHED_MINUTE = 'G_PER_FINISHED_MINUTE',
  G_PER_SHOOT_DAY = 'G_PER_SHOOT_DAY',
  G_PER_EPISODE = 'G_PER_EPISODE',
}
registerEnumType(BenchmarkKpiValue, {
  name: 'BenchmarkKpi',
  description:
    'Location-based g CO2e: in total, per finished minute (declared, else final artifacts), per declared shoot day or episode. Lower is better.',
});

@ObjectType({
  description:
    "A KPI's distribution among the tenant's declared projects of one production type (quartiles by linear interpolation).",
})
export class BenchmarkDistribution {
  @Field(() => BenchmarkKpiValue)
  kpi!: BenchmarkKpiValue;

  @Field(() => ProductionTypeValue)
  productionType!: ProductionTypeValue;

  @Field(() => Int, { description: 'Projects with a value for the KPI.' })
  projectCount!: number;

  @Field(() => Float, { nullable: true, description: 'Lowest value.' })
  best!: number | null;

  @Field(() => Float, { nullable: true })
  q1!: number | null;

  @Field(() => Float, { nullable: true })
  median!: number | null;

  @Field(() => Float, { nullable: true })
  q3!: number | null;

  @Field(() => Float, { nullable: true })
  worst!: number | null;
}

@ObjectType()
export class ProjectBenchmark {
  @Field(() => Float, {
    nullable: true,
    description: "The project's value (null: no denominator).",
  })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: '1 = best (lowest) in the cohort.' })
  rank!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Share (0–100) of the other projects this one does as well as or better than.',
  })
  percentile!: number | null;

  @Field(() => BenchmarkDistribution)
  cohort!: BenchmarkDistribution;
}

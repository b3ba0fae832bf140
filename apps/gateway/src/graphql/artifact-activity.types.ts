import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from './artifact-connection.type';

@ObjectType({
  description:
    'A factor an activity was computed with, as its factor set holds it (libs/factors); value, unit, source and year are null when that set is not available.',
})
export class ActivityFactor {
  @Field(() => ID)
  id!: string;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'e.g. gCO2e/kWh, W, kgCO2e, ratio.' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'Publication (and section) it comes from.' })
  source!: string | null;

  @Field(() => Int, { nullable: true })
  year!: number | null;
}

@ObjectType({
  description: 'One activity (emission fact) of an artifact, as the served projection counts it.',
})
export class ArtifactActivity {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String, { description: 'When the activity started, ISO 8601 (microseconds).' })
  occurredAt!: string;

  @Field(() => String, {
    description:
      'Method tier, the data quality: measured, metered, modelled… (docs/methodology.md).',
  })
  tier!: string;

  @Field(() => String, { description: 'The methodology model that computed it.' })
  modelId!: string;

  @Field(() => Int)
  scope!: number;

  @Field(() => String)
  category!: string;

  @Field(() => String)
  methodologyVersion!: string;

  @Field(() => String)
  factorSetVersion!: string;

  @Field(() => [ActivityFactor], {
    description: 'Factors used, in the order the engine cited them.',
  })
  factors!: ActivityFactor[];

  @Field(() => Float, { description: 'Facility ÷ IT energy applied.' })
  pue!: number;

  @Field(() => Float, { description: 'Location-based grid intensity applied, g CO2e/kWh.' })
  intensityGPerKwh!: number;

  @Field(() => Float, { description: 'Facility energy, kWh (nominal).' })
  energyKwh!: number;

  @Field(() => Float)
  energyLowKwh!: number;

  @Field(() => Float)
  energyHighKwh!: number;

  @Field(() => Float, { description: 'Location-based g CO2e, nominal.' })
  co2eG!: number;

  @Field(() => Float)
  lowG!: number;

  @Field(() => Float)
  highG!: number;

  @Field(() => Float, { description: 'Market-based g CO2e, nominal.' })
  co2eMarketG!: number;
}

@ObjectType({ description: 'Oldest first; `first` is capped at 100.' })
export class ArtifactActivityConnection {
  @Field(() => [ArtifactActivity])
  nodes!: ArtifactActivity[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SeriesBucketValue {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(SeriesBucketValue, {
  name: 'SeriesBucket',
  description: 'UTC buckets; weeks start on Monday.',
});

export enum SeriesDimensionValue {
  KIND = 'KIND',
  SCOPE = 'SCOPE',
}
registerEnumType(SeriesDimensionValue, { name: 'SeriesDimension' });

export enum FinishedMinutesSource {
  DECLARED = 'DECLARED',
  FINAL_ARTIFACTS = 'FINAL_ARTIFACTS',
}
registerEnumType(FinishedMinutesSource, {
  name: 'FinishedMinutesSource',
  description:
    "DECLARED: declareProject's finishedMinutes; FINAL_ARTIFACTS: the durations of artifacts whose status is final.",
});

@ObjectType({ description: 'One part of a KPI split (by scope, activity kind or data quality).' })
export class KpiSplit {
  @Field(() => String, {
    description: 'scope/category (e.g. 2/electricity), activity kind, or tier.',
  })
  key!: string;

  @Field(() => Float)
  co2eG!: number;

  @Field(() => Float)
  co2eMarketG!: number;

  @Field(() => Float)
  energyKwh!: number;

  @Field(() => Int)
  activityCount!: number;

  @Field(() => Float, {
    nullable: true,
    description: "Of the window's location-based total, 0..1.",
  })
  share!: number | null;
}

@ObjectType({ description: 'Generated media of one modality, model and resolution.' })
export class GeneratedMedia {
  @Field(() => String, { description: 'video, upscale or image' })
  modality!: string;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => String, { nullable: true, description: '<width>x<height>' })
  resolution!: string | null;

  @Field(() => Int, { description: 'Clips (video, upscale).' })
  videos!: number;

  @Field(() => Float, { description: 'Seconds of video (clips × clip duration).' })
  seconds!: number;

  @Field(() => Int)
  images!: number;

  @Field(() => Float)
  co2eG!: number;
}

@ObjectType({
  description:
    'KPIs of a project for facts in [from, to) (green-production KPIs; Carbon Trust 2026 §7.7). Ratios are null when their denominator is 0 or unknown.',
})
export class ProjectKpis {
  @Field(() => Float, { description: 'Location-based, g CO2e.' })
  co2eG!: number;

  @Field(() => Float, { description: 'Market-based, g CO2e.' })
  co2eMarketG!: number;

  @Field(() => Float)
  lowG!: number;

  @Field(() => Float)
  highG!: number;

  @Field(() => Float)
  energyKwh!: number;

  @Field(() => Int)
  activityCount!: number;

  @Field(() => Float, { nullable: true })
  finishedMinutes!: number | null;

  @Field(() => FinishedMinutesSource, { nullable: true })
  finishedMinutesSource!: FinishedMinutesSource | null;

  @Field(() => Float, { nullable: true })
  gPerFinishedMinute!: number | null;

  @Field(() => Float, { nullable: true })
  shootDays!: number | null;

  @Field(() => Float, { nullable: true })
  gPerShootDay!: number | null;

  @Field(() => Float, { description: 'Hours of catalogued GPUs × count.' })
  gpuHours!: number;

  @Field(() => Float, { description: 'TB held × months (730 h), one copy.' })
  storageTbMonths!: number;

  @Field(() => Float, { nullable: true, description: 'kWh of storage activities per TB-month.' })
  kwhPerTbMonthStored!: number | null;

  @Field(() => Float)
  transferTb!: number;

  @Field(() => Float, { nullable: true, description: 'kWh of transfer activities per TB moved.' })
  kwhPerTbMoved!: number | null;

  @Field(() => [GeneratedMedia])
  generated!: GeneratedMedia[];

  @Field(() => Int, {
    description: 'Versions (children with a status) of artifacts with an approved/final version.',
  })
  iterations!: number;

  @Field(() => Int, { description: 'Artifacts with an approved or final version.' })
  approvedShots!: number;

  @Field(() => Float, { nullable: true })
  iterationsPerApprovedShot!: number | null;

  @Field(() => Float, {
    description: 'g CO2e of artifacts that ended rejected, superseded, discarded or abandoned.',
  })
  discardedG!: number;

  @Field(() => Float, { nullable: true })
  discardedShare!: number | null;

  @Field(() => [KpiSplit])
  byScope!: KpiSplit[];

  @Field(() => [KpiSplit])
  byKind!: KpiSplit[];

  @Field(() => [KpiSplit], { description: 'By data-quality tier (measured, modelled, proxy …).' })
  dataQuality!: KpiSplit[];
}

@ObjectType()
export class SeriesPoint {
  @Field(() => String, { description: 'Start of the bucket (UTC, ISO 8601).' })
  bucketStart!: string;

  @Field(() => String, { description: 'Activity kind, or "scope 1|2|3".' })
  key!: string;

  @Field(() => Float)
  co2eG!: number;

  @Field(() => Float)
  co2eMarketG!: number;

  @Field(() => Float)
  energyKwh!: number;

  @Field(() => Int)
  activityCount!: number;
}

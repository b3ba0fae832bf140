import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'The tenant\'s raw-telemetry window (docs/retention.md, "The platform\'s own data"): raw facts older than rawDays are removed; totals and daily series are kept.',
})
export class TelemetryRetention {
  @Field(() => Int, { description: 'Days of raw facts kept (1–36500).' })
  rawDays!: number;

  @Field(() => String, { description: 'ISO 8601 instant the window was set.' })
  setAt!: string;

  @Field(() => String, { description: 'The id of the API key that set it.' })
  setBy!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Everything from this instant on is still held raw (and can be restated by a factor-set rebuild); null: nothing was removed yet.',
  })
  restatableFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 instant of the last enforcement.' })
  lastEnforcedAt!: string | null;
}

@ObjectType({ description: 'What one enforcement of the raw-telemetry window removed.' })
export class TelemetryRetentionRun {
  @Field(() => String, { description: 'UTC midnight: raw data that happened before it is gone.' })
  cutoff!: string;

  @Field(() => Int, { description: 'Emission facts removed (their daily sums are kept).' })
  facts!: number;

  @Field(() => Int, { description: 'Per-event measures removed.' })
  measures!: number;

  @Field(() => Int, { description: 'Embedded event-log records removed.' })
  logRecords!: number;
}

@ObjectType({
  description: 'What an erasure removed from every table (docs/retention.md, "Erasure").',
})
export class ProjectErasure {
  @Field(() => String)
  projectId!: string;

  @Field(() => Boolean, { description: 'Totals by scope and daily sums kept.' })
  keepTotals!: boolean;

  @Field(() => Int)
  facts!: number;

  @Field(() => Int, {
    description:
      'Rows of artifacts, artifact totals, measures, status history, holdings, holds, declarations.',
  })
  detailRows!: number;

  @Field(() => Int, { description: 'Rows of totals and daily sums (keepTotals false).' })
  totalRows!: number;

  @Field(() => Int, { description: 'Embedded event-log records removed.' })
  logRecords!: number;
}

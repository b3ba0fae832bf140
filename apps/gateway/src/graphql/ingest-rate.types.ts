import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({
  description:
    'Spans ingest accepted (counted by the served projection, by when ingest received them) and rejected (DLQ) over a recent window.',
})
export class IngestRate {
  @Field(() => Int)
  windowMinutes!: number;

  @Field(() => String, { description: 'Exclusive start of the window, ISO 8601.' })
  from!: string;

  @Field(() => String, {
    description: 'Inclusive end of the window (the time of the query), ISO 8601.',
  })
  until!: string;

  @Field(() => Int)
  acceptedSpans!: number;

  @Field(() => Int)
  rejectedSpans!: number;

  @Field(() => Float, { description: 'acceptedSpans ÷ windowMinutes.' })
  acceptedPerMinute!: number;

  @Field(() => Float, { description: 'rejectedSpans ÷ windowMinutes.' })
  rejectedPerMinute!: number;
}

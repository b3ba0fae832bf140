import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A span ingest refused, and why (also on the DLQ topic).' })
export class RejectedSpan {
  @Field(() => String)
  traceId!: string;

  @Field(() => String)
  spanId!: string;

  @Field(() => String)
  spanName!: string;

  @Field(() => String, {
    description: 'The attribute (or field) at fault, e.g. greenops.project.id.',
  })
  field!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { description: 'ISO 8601 instant.' })
  rejectedAt!: string;
}

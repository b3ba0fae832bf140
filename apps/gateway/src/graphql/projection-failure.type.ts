import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from './artifact-connection.type';

@ObjectType({
  description:
    'An event the projector did not count, and why (docs/operations.md, "Projection failures").',
})
export class ProjectionFailure {
  @Field(() => String, { nullable: true, description: 'The event id, when the record had one.' })
  eventId!: string | null;

  @Field(() => String, { description: 'Log position: topic (or the embedded log).' })
  topic!: string;

  @Field(() => Int)
  partition!: number;

  @Field(() => String, { description: 'Log offset (decimal; int64).' })
  offset!: string;

  @Field(() => Int, { description: 'The projection version it was computed for; 0 if none.' })
  projectionVersion!: number;

  @Field(() => String, {
    description: 'Where it failed: parse, factor-set, compute, ceiling or store.',
  })
  stage!: string;

  @Field(() => String, { description: 'The field at fault.' })
  field!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { description: 'ISO 8601 instant.' })
  failedAt!: string;
}

@ObjectType({ description: 'Newest first; `first` is capped at 100.' })
export class ProjectionFailureConnection {
  @Field(() => [ProjectionFailure])
  nodes!: ProjectionFailure[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

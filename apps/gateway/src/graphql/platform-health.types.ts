import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One partition a projector instance owns, with its lag.' })
export class ProjectorPartition {
  @Field(() => Int)
  partition!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Records between the group committed offset and the high watermark; null when the instance could not read them.',
  })
  lag!: number | null;

  @Field(() => String, { nullable: true, description: 'The group committed (next) offset.' })
  committedOffset!: string | null;

  @Field(() => String, { nullable: true })
  highWatermark!: string | null;
}

@ObjectType({ description: 'A projector instance, as it last reported itself.' })
export class ProjectorInstance {
  @Field(() => String)
  instanceId!: string;

  @Field(() => String)
  host!: string;

  @Field(() => String, { description: 'Kafka consumer group.' })
  group!: string;

  @Field(() => String, { description: 'joining, consuming, stalled or stopped.' })
  state!: string;

  @Field(() => [ProjectorPartition])
  partitions!: ProjectorPartition[];

  @Field(() => String, { description: 'ISO 8601 instant of the last report.' })
  lastSeen!: string;

  @Field(() => String, { description: 'ISO 8601 instant the instance started.' })
  startedAt!: string;

  @Field(() => Boolean, { description: 'Not seen for more than 30 s.' })
  stale!: boolean;
}

@ObjectType({ description: 'Operational state of the platform (role: admin).' })
export class PlatformHealth {
  @Field(() => [ProjectorInstance], {
    description:
      'Projector instances that reported in the last day, by group and id (at most 200).',
  })
  projectors!: ProjectorInstance[];
}

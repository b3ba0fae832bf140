import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum ArtifactSciUnit {
  ARTIFACT = 'ARTIFACT',
  SECOND = 'SECOND',
  MINUTE = 'MINUTE',
  APPROVED_CHILD = 'APPROVED_CHILD',
}
registerEnumType(ArtifactSciUnit, {
  name: 'ArtifactSciUnit',
  description:
    "ARTIFACT: the whole roll-up; SECOND / MINUTE: per second or minute of the artifact's greenops.artifact.duration_s; APPROVED_CHILD: per direct child that is approved or final.",
});

@ObjectType()
export class ArtifactStatusChange {
  @Field(() => String)
  status!: string;

  @Field(() => String, { description: 'When the status was taken (span start, or the mutation).' })
  changedAt!: string;

  @Field(() => String, { description: 'span or mutation' })
  source!: string;
}

@ObjectType({
  description:
    'The roll-up split by what became of each artifact in it: delivered (approved, final), discarded (rejected, superseded, discarded, abandoned) and the rest (in progress).',
})
export class ArtifactIterationCost {
  @Field(() => Float)
  co2eG!: number;

  @Field(() => Float)
  deliveredG!: number;

  @Field(() => Float)
  discardedG!: number;

  @Field(() => Float)
  inProgressG!: number;

  @Field(() => Float, { nullable: true, description: 'discardedG / co2eG (null when 0 g).' })
  discardedShare!: number | null;
}

@ObjectType({ description: 'A status change accepted onto the log.' })
export class ArtifactStatusReceipt {
  @Field(() => ID)
  eventId!: string;

  @Field(() => String)
  changedAt!: string;
}

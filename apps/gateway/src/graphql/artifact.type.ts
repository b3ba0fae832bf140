import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Emissions } from './emissions.type';

@ObjectType({
  description: 'A generated clip, shot version, scene… and everything that feeds into it.',
})
export class Artifact {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  projectId!: string;

  @Field(() => String, { nullable: true })
  kind!: string | null;

  @Field(() => String, { nullable: true })
  status!: string | null;

  @Field(() => ID, { nullable: true, description: 'The artifact this one feeds into.' })
  parentId!: string | null;

  @Field(() => Emissions, {
    description: 'This artifact and everything that feeds into it, transitively.',
    complexity: 5,
  })
  emissions!: Emissions;

  @Field(() => Int, { description: 'Activities counted in `emissions`.', complexity: 5 })
  activityCount!: number;
}

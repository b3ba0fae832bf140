import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Emissions } from './emissions.type';

@ObjectType()
export class Project {
  @Field(() => ID)
  id!: string;

  @Field(() => Emissions)
  emissions!: Emissions;
}
